# Writes kopa.1 from kopa's own help with help2man: the top-level --help and --version, then one
# section per subcommand holding its `kopa help COMMAND` text, so the man page cannot disagree
# with the help. Arguments: KOPA (the executable), HELP2MAN, OUTPUT.
execute_process(COMMAND ${KOPA} complete help ""
  OUTPUT_VARIABLE commands OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR commands STREQUAL "")
  message(FATAL_ERROR "WriteManPage: '${KOPA} complete help' failed")
endif()
string(REPLACE "\n" ";" commands "${commands}")
set(include "")
foreach(command IN LISTS commands)
  execute_process(COMMAND ${KOPA} help ${command} OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "WriteManPage: '${KOPA} help ${command}' failed")
  endif()
  # Preformatted roff: backslashes escaped, and a line that starts with '.' or '\'' guarded.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(TOUPPER "${command}" title)
  string(APPEND include "[KOPA ${title}]\n.nf\n${help}.fi\n\n")
endforeach()
string(APPEND include "[SEE ALSO]\nREADME.md and docs/ in the kopa sources: docs/ODD.md (the model), docs/scenarios.md,\ndocs/sweeps.md, docs/compare.md, docs/output-format.md.\n")
get_filename_component(folder "${OUTPUT}" DIRECTORY)
set(include_file "${folder}/kopa.h2m")
file(WRITE "${include_file}" "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info
  "--name=agent-based simulator of inclusive rural social entrepreneurship"
  "--include=${include_file}" "--output=${OUTPUT}" ${KOPA}
  RESULT_VARIABLE rc ERROR_VARIABLE errors)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "WriteManPage: help2man failed: ${errors}")
endif()
