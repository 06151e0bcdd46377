#include "util/text.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace snipcheck;
using namespace std::string_literals;

TEST_CASE("glob_match", "[util][text]") {
  SECTION("a literal pattern matches only itself") {
    CHECK(glob_match("007-generators", "007-generators"));
    CHECK_FALSE(glob_match("007-generators", "007-generator"));
    CHECK_FALSE(glob_match("007-generator", "007-generators"));
  }
  SECTION("a star matches any run, including an empty one") {
    CHECK(glob_match("007-*", "007-generators"));
    CHECK(glob_match("007-*", "007-"));
    CHECK(glob_match("*gen*", "007-generators"));
    CHECK(glob_match("*", "anything at all"));
    CHECK(glob_match("*", ""));
    CHECK(glob_match("a*b*c", "axxbyyc"));
    CHECK(glob_match("a*b*c", "abc"));
    CHECK(glob_match("**x", "x"));
  }
  SECTION("a star backtracks when its first guess fails") {
    CHECK(glob_match("*ab", "aab"));
    CHECK(glob_match("*-*-end", "1-2-3-end"));
    CHECK_FALSE(glob_match("*ab", "aba"));
  }
  SECTION("a question mark matches exactly one character") {
    CHECK(glob_match("00?-x", "007-x"));
    CHECK(glob_match("???", "abc"));
    CHECK_FALSE(glob_match("a?c", "ac"));
    CHECK_FALSE(glob_match("a?c", "abbc"));
    CHECK_FALSE(glob_match("?", ""));
  }
  SECTION("no match") {
    CHECK_FALSE(glob_match("008-*", "007-generators"));
    CHECK_FALSE(glob_match("*-b", "007-generators"));
    CHECK_FALSE(glob_match("a*", "ba"));
  }
  SECTION("empty pattern or text") {
    CHECK(glob_match("", ""));
    CHECK_FALSE(glob_match("", "a"));
    CHECK_FALSE(glob_match("a", ""));
    CHECK_FALSE(glob_match("a*", ""));
  }
}

TEST_CASE("parse_size", "[util][text]") {
  SECTION("plain integers are bytes") {
    CHECK(parse_size("0") == std::uint64_t{0});
    CHECK(parse_size("1048576") == std::uint64_t{1048576});
    CHECK(parse_size("10B") == std::uint64_t{10});
  }
  SECTION("binary units") {
    CHECK(parse_size("512KiB") == std::uint64_t{512 * 1024});
    CHECK(parse_size("1MiB") == std::uint64_t{1024 * 1024});
    CHECK(parse_size("2GiB") == std::uint64_t{2ULL * 1024 * 1024 * 1024});
    CHECK(parse_size("3K") == std::uint64_t{3 * 1024});
    CHECK(parse_size("3M") == std::uint64_t{3 * 1024 * 1024});
    CHECK(parse_size("1G") == std::uint64_t{1024ULL * 1024 * 1024});
    CHECK(parse_size("1 MiB") == std::uint64_t{1024 * 1024});
  }
  SECTION("the largest value fits; one more overflows") {
    CHECK(parse_size("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
    CHECK_FALSE(parse_size("18446744073709551616").has_value());
    CHECK_FALSE(parse_size("99999999999999999999999").has_value());
  }
  SECTION("a unit that makes the value overflow") {
    CHECK(parse_size("16777215KiB") == std::uint64_t{16777215ULL * 1024});
    CHECK_FALSE(parse_size("17179869184GiB").has_value());  // 2^34 GiB = 2^64 bytes
    CHECK_FALSE(parse_size("18014398509481984KiB").has_value());  // 2^54 KiB = 2^64 bytes
  }
  SECTION("junk") {
    CHECK_FALSE(parse_size("").has_value());
    CHECK_FALSE(parse_size("MiB").has_value());
    CHECK_FALSE(parse_size("1XiB").has_value());
    CHECK_FALSE(parse_size("1MiBx").has_value());
    CHECK_FALSE(parse_size("-1").has_value());
    CHECK_FALSE(parse_size("1.5MiB").has_value());
    CHECK_FALSE(parse_size(" 1").has_value());
    CHECK_FALSE(parse_size("1mib").has_value());
    CHECK_FALSE(parse_size("abc").has_value());
  }
}

TEST_CASE("format_size", "[util][text]") {
  SECTION("whole units are shown in the largest unit") {
    CHECK(format_size(1024) == "1 KiB");
    CHECK(format_size(1048576) == "1 MiB");
    CHECK(format_size(64ULL * 1024 * 1024) == "64 MiB");
    CHECK(format_size(2ULL * 1024 * 1024 * 1024) == "2 GiB");
  }
  SECTION("gibibytes are the largest unit") {
    CHECK(format_size(1024ULL * 1024 * 1024 * 1024) == "1024 GiB");
  }
  SECTION("values that are not whole units stay in the smaller unit") {
    CHECK(format_size(0) == "0 B");
    CHECK(format_size(1) == "1 B");
    CHECK(format_size(1023) == "1023 B");
    CHECK(format_size(1536) == "1536 B");
    CHECK(format_size(1024 * 1536) == "1536 KiB");
  }
  SECTION("round trip with parse_size") {
    for (std::uint64_t bytes : {1ULL, 1024ULL, 3ULL * 1024 * 1024, 5ULL * 1024 * 1024 * 1024}) {
      std::string text = format_size(bytes);
      text.erase(text.find(' '), 1);
      CHECK(parse_size(text) == bytes);
    }
  }
}

TEST_CASE("invalid_utf8_offset", "[util][text]") {
  SECTION("ASCII and empty text are valid") {
    CHECK_FALSE(invalid_utf8_offset("").has_value());
    CHECK_FALSE(invalid_utf8_offset("print('hello')\n").has_value());
  }
  SECTION("valid multibyte sequences of every length") {
    CHECK_FALSE(invalid_utf8_offset("h\xC3\xA9llo").has_value());            // é, 2 bytes
    CHECK_FALSE(invalid_utf8_offset("\xE6\x97\xA5\xE6\x9C\xAC").has_value());  // 日本, 3 bytes
    CHECK_FALSE(invalid_utf8_offset("\xF0\x9F\x98\x80").has_value());         // U+1F600, 4 bytes
    CHECK_FALSE(invalid_utf8_offset("\xF4\x8F\xBF\xBF").has_value());         // U+10FFFF, the last
    CHECK_FALSE(invalid_utf8_offset("\xED\x9F\xBF").has_value());             // U+D7FF, before surrogates
  }
  SECTION("a truncated sequence at the end") {
    CHECK(invalid_utf8_offset("ab\xC3") == std::size_t{2});
    CHECK(invalid_utf8_offset("ab\xE6\x97") == std::size_t{2});
    CHECK(invalid_utf8_offset("ab\xF0\x9F\x98") == std::size_t{2});
  }
  SECTION("a sequence cut short by a non-continuation byte") {
    CHECK(invalid_utf8_offset("ok\xC3(x") == std::size_t{2});
    CHECK(invalid_utf8_offset("\xE6\x97x") == std::size_t{0});
  }
  SECTION("a stray continuation byte or an impossible lead byte") {
    CHECK(invalid_utf8_offset("abc\x80") == std::size_t{3});
    CHECK(invalid_utf8_offset("\xFF") == std::size_t{0});
    CHECK(invalid_utf8_offset("a\xF8\x88\x80\x80\x80") == std::size_t{1});
  }
  SECTION("overlong encodings") {
    CHECK(invalid_utf8_offset("\xC0\xAF") == std::size_t{0});           // '/' in 2 bytes
    CHECK(invalid_utf8_offset("x\xC1\xBF") == std::size_t{1});
    CHECK(invalid_utf8_offset("\xE0\x80\xAF") == std::size_t{0});       // '/' in 3 bytes
    CHECK(invalid_utf8_offset("\xF0\x8F\xBF\xBF") == std::size_t{0});   // U+FFFF in 4 bytes
  }
  SECTION("surrogates and code points past U+10FFFF") {
    CHECK(invalid_utf8_offset("ab\xED\xA0\x80") == std::size_t{2});     // U+D800
    CHECK(invalid_utf8_offset("\xED\xBF\xBF") == std::size_t{0});       // U+DFFF
    CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == std::size_t{0});   // U+110000
  }
  SECTION("the first bad byte is reported, after valid multibyte text") {
    CHECK(invalid_utf8_offset("\xC3\xA9\xC3\xA9\xFF\xFF") == std::size_t{4});
  }
}

TEST_CASE("line_of_offset", "[util][text]") {
  const std::string text = "a\nbc\n\nd";
  SECTION("offsets on each line") {
    CHECK(line_of_offset(text, 0) == 1);
    CHECK(line_of_offset(text, 2) == 2);
    CHECK(line_of_offset(text, 3) == 2);
    CHECK(line_of_offset(text, 5) == 3);
    CHECK(line_of_offset(text, 6) == 4);
  }
  SECTION("a newline belongs to the line it ends") {
    CHECK(line_of_offset(text, 1) == 1);
    CHECK(line_of_offset(text, 4) == 2);
  }
  SECTION("an offset past the end counts every newline") {
    CHECK(line_of_offset(text, 1000) == 4);
    CHECK(line_of_offset("", 5) == 1);
  }
}

TEST_CASE("signal_name", "[util][text]") {
  SECTION("known signals") {
    CHECK(signal_name(11) == "SIGSEGV");
    CHECK(signal_name(6) == "SIGABRT");
    CHECK(signal_name(9) == "SIGKILL");
    CHECK(signal_name(15) == "SIGTERM");
  }
  SECTION("unknown signals") {
    CHECK(signal_name(77) == "signal 77");
    CHECK(signal_name(-1) == "signal -1");
  }
}

TEST_CASE("split_lines", "[util][text]") {
  using Lines = std::vector<std::string>;
  SECTION("a trailing newline does not add an empty line") {
    CHECK(split_lines("a\nb\n") == Lines{"a", "b"});
  }
  SECTION("no trailing newline") {
    CHECK(split_lines("a\nb") == Lines{"a", "b"});
  }
  SECTION("empty text has no lines") {
    CHECK(split_lines("").empty());
  }
  SECTION("blank lines are kept") {
    CHECK(split_lines("\n") == Lines{""});
    CHECK(split_lines("\n\n") == Lines{"", ""});
    CHECK(split_lines("a\n\nb\n") == Lines{"a", "", "b"});
  }
  SECTION("other whitespace is kept as is") {
    CHECK(split_lines(" a \r\n\tb") == Lines{" a \r", "\tb"});
  }
  SECTION("embedded NUL bytes stay in their line") {
    CHECK(split_lines("a\0b\nc"s) == Lines{"a\0b"s, "c"});
  }
}

TEST_CASE("LineIndex", "[util][text]") {
  SECTION("every offset gets the line line_of_offset() counts") {
    for (const std::string text : {"a\nbc\n\nd", "", "\n", "x", "\n\nlast\n"}) {
      LineIndex lines(text);
      for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
        INFO("text '" << text << "' offset " << offset);
        CHECK(lines.line_of(offset) == line_of_offset(text, offset));
      }
    }
  }
  SECTION("a megabyte of lines") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "line\n";
    LineIndex lines(text);
    CHECK(lines.line_of(0) == 1);
    CHECK(lines.line_of(5 * 99999) == 100000);
    CHECK(lines.line_of(text.size()) == 100001);
  }
}

TEST_CASE("visible_controls", "[util][text]") {
  CHECK(visible_controls("plain text, é, 日本\n\tindented\n") == "plain text, é, 日本\n\tindented\n");
  CHECK(visible_controls("\x1b]0;PWNED\x07\x1b[2J\x1b[1A\rpass") == "\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[1A\\rpass");
  CHECK(visible_controls("a\0b\x7f"s) == "a\\x00b\\x7f");
  // C1 controls, encoded (U+009B is CSI) and as stray bytes (CSI on an 8-bit terminal).
  CHECK(visible_controls("\xc2\x9b" "2J \xc2\xa0 \x9b" "2J") == "\\u009b2J \xc2\xa0 \\x9b2J");
  CHECK(visible_controls("cut \xe6\x97") == "cut \\xe6\\x97");
}

TEST_CASE("visible_line", "[util][text]") {
  // One field of one line: a newline is shown too, the rest as visible_controls() shows it.
  CHECK(visible_line("ValueError: \npass  candidate  5 ms\n::warning::x") == "ValueError: \\npass  candidate  5 ms\\n::warning::x");
  CHECK(visible_line("a\tb\r\n\x1b[0m") == "a\tb\\r\\n\\x1b[0m");
  CHECK(visible_line("plain, é") == "plain, é");
}

TEST_CASE("counted", "[util][text]") {
  CHECK(counted(0, "question") == "0 questions");
  CHECK(counted(1, "wrong claim") == "1 wrong claim");
  CHECK(counted(2, "worker") == "2 workers");
}

TEST_CASE("long_words", "[util][text]") {
  CHECK(long_words("The Cat sat on a MAT-42x") == std::vector<std::string>{"the", "cat", "sat", "mat", "42x"});
  CHECK(long_words("").empty());
}
