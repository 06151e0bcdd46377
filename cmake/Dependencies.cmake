# Every dependency comes from a Debian 12 package (installed by scripts/setup.sh).
#
# Python: Debian's /usr/bin/python3 and its libpython3.11, never whatever python3 is first on
# PATH (on these machines a pyenv shim). Snippets import the python3-* packages that only
# Debian's interpreter sees.
set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the worker embeds (Debian's)")
set(Python_FIND_STRATEGY LOCATION)
set(Python_FIND_VIRTUALENV STANDARD)
set(Python_FIND_UNVERSIONED_NAMES NEVER)
find_package(Python 3.11 EXACT REQUIRED COMPONENTS Interpreter Development.Embed)
if(NOT Python_EXECUTABLE STREQUAL "/usr/bin/python3")
  message(FATAL_ERROR "snipcheck must embed Debian's /usr/bin/python3, found ${Python_EXECUTABLE}")
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.10 CONFIG REQUIRED)

find_package(spdlog CONFIG REQUIRED)          # libspdlog-dev: leveled debug log with timers
find_package(fmt CONFIG REQUIRED)             # libfmt-dev: spdlog's formatter, used directly too
find_package(CLI11 CONFIG REQUIRED)           # libcli11-dev: subcommands, typed flags, help
find_package(nlohmann_json 3.11 CONFIG REQUIRED)  # nlohmann-json3-dev: reports and worker protocol
find_package(tomlplusplus CONFIG REQUIRED)    # libtomlplusplus-dev: snipcheck.toml with source positions
find_package(tl-expected CONFIG REQUIRED)     # libexpected-dev: tl::expected for expected failures
find_package(pugixml CONFIG REQUIRED)         # libpugixml-dev: JUnit XML with correct escaping

# dtl (libdtl-dev) is header-only and ships no CMake package.
find_path(DTL_INCLUDE_DIR dtl/dtl.hpp REQUIRED)
add_library(dtl INTERFACE)
target_include_directories(dtl SYSTEM INTERFACE ${DTL_INCLUDE_DIR})

# md4c (libmd4c-dev): Markdown material is read by a real CommonMark parser, whose text pointers
# give source lines, not by regular expressions over the file. Found by hand because Debian 12's
# md4cConfig.cmake also requires libmd4c-html (another package) that we do not use.
find_path(MD4C_INCLUDE_DIR md4c.h REQUIRED)
find_library(MD4C_LIBRARY md4c REQUIRED)
add_library(md4c::md4c UNKNOWN IMPORTED)
set_target_properties(md4c::md4c PROPERTIES IMPORTED_LOCATION ${MD4C_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${MD4C_INCLUDE_DIR})

# libseccomp (libseccomp-dev): the sandbox's syscall filter (issue 5). It resolves syscall names
# and architectures for us; a hand-written BPF filter is how such filters go wrong. Debian 12
# ships no CMake package for it, so it is found by hand.
find_path(SECCOMP_INCLUDE_DIR seccomp.h REQUIRED)
find_library(SECCOMP_LIBRARY seccomp REQUIRED)
add_library(seccomp::seccomp UNKNOWN IMPORTED)
set_target_properties(seccomp::seccomp PROPERTIES IMPORTED_LOCATION ${SECCOMP_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${SECCOMP_INCLUDE_DIR})

# RE2 (libre2-dev): every regular expression that sees material, output or a report's text.
# It matches in linear time without recursion; libstdc++'s std::regex recurses once per
# character and overflows the stack on one long line (issue 9). Debian 12 ships no CMake
# package for it, so it is found by hand.
find_path(RE2_INCLUDE_DIR re2/re2.h REQUIRED)
find_library(RE2_LIBRARY re2 REQUIRED)
add_library(re2::re2 UNKNOWN IMPORTED)
set_target_properties(re2::re2 PROPERTIES IMPORTED_LOCATION ${RE2_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${RE2_INCLUDE_DIR})

if(SNIPCHECK_BUILD_TESTS)
  find_package(Catch2 2 CONFIG REQUIRED)      # catch2 (v2)
endif()
