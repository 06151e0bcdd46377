# `cmake --install BUILD [--prefix DIR]`: snipcheck in bin/ and its man page, generated from the
# help text with help2man (cmake/ManPage.cmake), in share/man/man1/. The binary is the whole
# tool: the worker is the same executable and the Python driver is compiled in; it needs only
# Debian's /usr/bin/python3 and its libpython at run time.
include(GNUInstallDirs)

option(SNIPCHECK_MAN_PAGE "Generate and install the man page (needs help2man)" ON)

install(TARGETS snipcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

if(SNIPCHECK_MAN_PAGE)
  find_program(SNIPCHECK_HELP2MAN help2man)
  if(NOT SNIPCHECK_HELP2MAN)
    message(FATAL_ERROR "help2man not found: it writes the man page from --help (Debian package help2man, "
                        "which .ci/setup.sh installs); or configure with -DSNIPCHECK_MAN_PAGE=OFF")
  endif()
  set(man_page "${CMAKE_BINARY_DIR}/man/snipcheck.1")
  add_custom_command(
    OUTPUT "${man_page}"
    # A sanitized binary must not fail its --help on leak reports of the embedded CPython.
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            ${CMAKE_COMMAND} -DSNIPCHECK=$<TARGET_FILE:snipcheck> -DHELP2MAN=${SNIPCHECK_HELP2MAN}
            -DOUTPUT=${man_page} -DWORK=${CMAKE_BINARY_DIR}/man -P ${CMAKE_CURRENT_LIST_DIR}/ManPage.cmake
    DEPENDS snipcheck ${CMAKE_CURRENT_LIST_DIR}/ManPage.cmake
    COMMENT "Writing the man page from snipcheck --help (help2man)"
    VERBATIM)
  add_custom_target(man_page ALL DEPENDS "${man_page}")
  install(FILES "${man_page}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
