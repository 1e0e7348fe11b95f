# bash completion for kopa: subcommands, options, option values and parameter paths.
# Installed as share/bash-completion/completions/kopa (CMake install rules), or source it by hand.
# Every candidate comes from `kopa complete WORD...` (sim/cli/command_complete.cpp), which knows
# the options and the parameter table; "__files__" asks for file names.
_kopa() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local kopa=${COMP_WORDS[0]}
  local IFS=$'\n'
  local candidates
  candidates=$("$kopa" complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  if [[ "$candidates" == "__files__" ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
    return 0
  fi
  COMPREPLY=($candidates)
  # A --set path ends in '=': let the value follow without a space.
  if [[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" == *= ]]; then
    compopt -o nospace 2>/dev/null
  fi
  return 0
}
complete -F _kopa kopa
