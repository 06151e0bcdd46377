// The article reader on arbitrary bytes: format detection, then read_article() and the language
// detection it runs on each example. Any outcome but a crash, a sanitizer report or a hang is fine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "material/material.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)snipcheck::detect_format(text);
  (void)snipcheck::read_article(text, "fuzz.txt");
  return 0;
}
