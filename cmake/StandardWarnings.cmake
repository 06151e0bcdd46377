# project_warnings: an interface target that our own targets link, so third-party headers
# (pybind11, Catch2) are not held to our warning level. SNIPCHECK_WARNINGS_AS_ERRORS turns
# them into errors (the dev preset and CI set it).
option(SNIPCHECK_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
if(SNIPCHECK_WARNINGS_AS_ERRORS)
  target_compile_options(project_warnings INTERFACE -Werror)
endif()
