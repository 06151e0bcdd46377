// Text helpers that know nothing of snippets: glob matching, byte sizes, UTF-8 checks, signal
// names, line splitting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snipcheck {

// Shell-style glob: '*' any run, '?' one character, everything else literal.
bool glob_match(std::string_view pattern, std::string_view text);

// "1MiB", "512KiB", "2GiB", "1048576" -> bytes; nullopt when malformed.
std::optional<std::uint64_t> parse_size(std::string_view text);

// 1048576 -> "1 MiB"
std::string format_size(std::uint64_t bytes);

// Offset of the first byte that is not valid UTF-8, or nullopt when all of it is.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

// `text` with every byte that is not valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `text` safe to print on a terminal: every C0 control character but newline and tab, DEL, the
// C1 controls (U+0080 to U+009F) and every byte that is not valid UTF-8 made visible as `\xNN`
// (`\r`, `\x1b`, `\u009b`), so text from a snippet can never move the cursor, clear the screen,
// set a window title or overwrite a line already printed. The rest is kept as it is.
std::string visible_controls(std::string_view text);

// `text` for one field of one line (a verdict's reason, an id, a source line): visible_controls(),
// and a newline shown as `\n` too, so that text from a snippet can never start a line of its own
// (forge a verdict line, or a CI workflow command that is read only at the start of a line).
std::string visible_line(std::string_view text);

// 1-based line number of a byte offset. Counts from the start: for one lookup only.
int line_of_offset(std::string_view text, std::size_t offset);

// Line numbers of many offsets into one text: a table of line starts built once (linear), then
// a binary search per lookup. Holds no pointer to the text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // 1-based line of `offset`; an offset past the end is on the last line.
  int line_of(std::size_t offset) const;

 private:
  std::vector<std::size_t> m_starts;  // offset where each line starts; m_starts[0] == 0
};

// "SIGSEGV" for 11; "signal 77" when unknown.
std::string signal_name(int signal);

// "1 question", "2 questions": a count and its noun, which takes an "s" unless the count is 1.
std::string counted(std::uint64_t count, std::string_view noun);

// The words of `text` (runs of ASCII letters and digits) of three letters or more, lower-cased:
// what two texts share when they speak of the same thing.
std::vector<std::string> long_words(std::string_view text);

// Splits on '\n'; a trailing newline does not make an empty last line.
std::vector<std::string> split_lines(std::string_view text);

}  // namespace snipcheck
