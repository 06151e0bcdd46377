# SNIPCHECK_SANITIZE=ON builds everything with AddressSanitizer and UBSan (the asan-ubsan preset).
# The worker embeds CPython, which keeps allocations alive until exit by design, so leak detection
# is switched off at run time (see tests/CMakeLists.txt); the address and UB checks stay on.
option(SNIPCHECK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(SNIPCHECK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(SNIPCHECK_SANITIZED=1)
endif()

# SNIPCHECK_FUZZ=ON (the fuzz preset, clang++ only) builds the libFuzzer targets of tests/fuzz/:
# every object with coverage instrumentation for libFuzzer and ASan+UBSan, the targets linked
# with libFuzzer's main (-fsanitize=fuzzer, in tests/fuzz/CMakeLists.txt).
option(SNIPCHECK_FUZZ "Build the libFuzzer targets (clang++)" OFF)
if(SNIPCHECK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SNIPCHECK_FUZZ needs clang++ (libFuzzer): use the fuzz preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(SNIPCHECK_SANITIZED=1)
endif()
