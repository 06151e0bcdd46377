# SNIPCHECK_SANITIZE=ON builds everything with AddressSanitizer and UBSan (the asan-ubsan preset).
# The worker embeds CPython, which keeps allocations alive until exit by design, so leak detection
# is switched off at run time (see tests/CMakeLists.txt); the address and UB checks stay on.
option(SNIPCHECK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(SNIPCHECK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(SNIPCHECK_SANITIZED=1)
endif()
