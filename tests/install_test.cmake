# ctest script (cmake -P): `cmake --install BUILD --prefix PREFIX` into a fresh temporary prefix,
# then the installed tool: bin/snipcheck runs (--version, --help) and share/man/man1/snipcheck.1
# is a man page with NAME, SYNOPSIS and every subcommand, rendered by `man -l` when man is
# installed, else read as roff.
#   -DBUILD_DIR=<build tree> -DPREFIX=<scratch prefix, removed first> -DVERSION=<project version>
foreach(variable BUILD_DIR PREFIX VERSION)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "install_test.cmake needs -D${variable}=...")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status}):\n${out}${err}")
endif()

set(binary "${PREFIX}/bin/snipcheck")
set(page "${PREFIX}/share/man/man1/snipcheck.1")
foreach(file "${binary}" "${page}")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "not installed: ${file}\n${out}")
  endif()
endforeach()
# The installed binary is the tool, on its own (outside the build tree).
execute_process(COMMAND "${binary}" --version RESULT_VARIABLE status OUTPUT_VARIABLE version ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT version STREQUAL "snipcheck ${VERSION}\n")
  message(FATAL_ERROR "${binary} --version: status ${status}, '${version}' ${err}")
endif()

find_program(MAN man)
if(MAN)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env MANWIDTH=200 MANPAGER=cat PAGER=cat "${MAN}" -l "${page}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE text ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "man -l ${page} failed (${status}): ${err}")
  endif()
  # man renders for a terminal: bold by overstrike when it thinks it has one.
  string(REGEX REPLACE ".\b" "" text "${text}")
  set(wanted "NAME\n       snipcheck - check that Python examples print what their material says"
             "SYNOPSIS\n       snipcheck [OPTIONS] SUBCOMMAND" "-V,--version")
else()
  file(READ "${page}" text)
  set(wanted ".SH NAME\nsnipcheck \\- check that Python examples print what their material says"
             ".SH SYNOPSIS" "\\-\\-version")
endif()
foreach(command run check import audit doctor)
  list(APPEND wanted "snipcheck ${command}" "Usage: snipcheck ${command} [OPTIONS]")
endforeach()
foreach(piece IN LISTS wanted)
  string(FIND "${text}" "${piece}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the installed man page lacks '${piece}':\n${text}")
  endif()
endforeach()
# No build path leaks into the page.
string(FIND "${text}" "${BUILD_DIR}" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the man page names the build directory ${BUILD_DIR}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "installed and checked: ${binary}, ${page}")
