#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks what `cmake --install` puts there: the
# executable, the man page generated from the help (one section per subcommand, the same text as
# `kopa help COMMAND`), and the bash completion script, driven as bash drives it.
#   check_install.sh BUILD_FOLDER
set -u
build=${1:?usage: check_install.sh BUILD_FOLDER}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
kopa="$prefix/bin/kopa"
man="$prefix/share/man/man1/kopa.1"
completion="$prefix/share/bash-completion/completions/kopa"
for file in "$kopa" "$man" "$completion"; do [ -e "$file" ] || fail "$file not installed"; done

# The man page: help2man's page with a section per subcommand, holding that command's help.
grep -q '^\.TH KOPA "1"' "$man" || fail "kopa.1 has no .TH header"
for command in run compare sweep validate describe; do
  title=$(tr '[:lower:]' '[:upper:]' <<<"$command")
  grep -q "^\.SH \"KOPA $title\"" "$man" || fail "kopa.1 has no section KOPA $title"
  first_option=$("$kopa" help "$command" | grep -m1 -- '--' | sed 's/^ *//')
  grep -qF -- "${first_option%% *}" "$man" || fail "kopa.1 lacks '$first_option' of $command"
done

# The completion script, as bash calls it: COMP_WORDS and COMP_CWORD in, COMPREPLY out.
complete_words() {
  PATH="$prefix/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); \
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _kopa; printf "%s\n" "${COMPREPLY[@]}"' _ \
    "$completion" "$@"
}
expect() {
  local want=$1; shift
  local got
  got=$(complete_words "$@" | tr '\n' ' ')
  [[ " $got" == *" $want "* ]] || fail "completing '$*' gave '$got', expected '$want' among them"
}
expect run kopa ru
expect sweep kopa help sw
expect calibrate kopa cal
expect --resume kopa calibrate targets.toml --res
expect --replicates kopa run --rep
expect --restart kopa sweep x.toml --res
expect levers.one_roof.enabled= kopa run --set levers.one_roof.en
expect levers.seed_funding kopa describe levers.seed_f
expect markdown kopa compare out.h5 --format m
expect founders_sustained kopa compare out.h5 --metric founders_sus
[ -z "$(complete_words kopa run --threads '')" ] || fail "--threads offered candidates"
folder=$(mktemp -d -p "$prefix")
touch "$folder/scenario_one.toml"
expect "$folder/scenario_one.toml" kopa run "$folder/scenario_o"

[ $status -eq 0 ] && echo "install: kopa, its man page and its bash completion are in place"
exit $status
