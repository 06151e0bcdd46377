// The bank settings (snipcheck.toml) on arbitrary bytes: toml++'s parser and every setting's
// check. Any outcome but a crash, a sanitizer report or a hang is fine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bank/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)snipcheck::parse_settings(text, "snipcheck.toml");
  return 0;
}
