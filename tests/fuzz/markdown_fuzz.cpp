// The Markdown reader on arbitrary bytes: md4c's callbacks, line numbers, transcripts, output
// blocks, and the whole of parse_material() (UTF-8 check, format detection) on the same text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "material/material.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)snipcheck::read_markdown(text, "fuzz.md");
  (void)snipcheck::parse_material(text, "fuzz.md");
  return 0;
}
