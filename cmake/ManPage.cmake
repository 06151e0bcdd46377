# Script mode (cmake -P): writes snipcheck.1 from the help text of the built binary with help2man
# (Debian's help2man), so the man page never drifts from --help. The top-level --help and
# --version give NAME, SYNOPSIS, DESCRIPTION and OPTIONS; each subcommand's --help becomes a
# COMMANDS subsection, verbatim.
#   -DSNIPCHECK=<binary> -DHELP2MAN=<help2man> -DOUTPUT=<snipcheck.1> -DWORK=<scratch dir>
foreach(variable SNIPCHECK HELP2MAN OUTPUT WORK)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "ManPage.cmake needs -D${variable}=...")
  endif()
endforeach()

# Text for a roff no-fill block: backslashes escaped, dashes as minus signs (options copied from
# the page must work), and no line starting with a control character (. or ') that roff would
# take for a request.
function(roff_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

file(MAKE_DIRECTORY "${WORK}")
set(include_text "[NAME]\nsnipcheck \\- check that Python examples print what their material says\n\n[COMMANDS]\n")
foreach(command run check import audit doctor)
  execute_process(COMMAND "${SNIPCHECK}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE status
                  ERROR_VARIABLE error)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "snipcheck ${command} --help failed (${status}): ${error}")
  endif()
  # The usage line names the binary by its build path; the page names the command.
  string(REPLACE "${SNIPCHECK}" "snipcheck" help "${help}")
  roff_verbatim("${help}" help)
  string(APPEND include_text ".SS \"snipcheck ${command}\"\n.nf\n${help}.fi\n")
endforeach()
string(APPEND include_text "\n[SEE ALSO]\nThe README of the snipcheck source tree: the bank format, verdicts, the sandbox.\n")
file(WRITE "${WORK}/snipcheck.h2m" "${include_text}")

execute_process(COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section 1
                        --include "${WORK}/snipcheck.h2m" --output "${OUTPUT}.tmp" "${SNIPCHECK}"
                RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "help2man failed (${status}): ${error}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
