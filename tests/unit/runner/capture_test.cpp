#include "runner/capture.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace snipcheck;

namespace {

// Feeds `bytes` in pieces of `piece` bytes, as reads of a pipe may cut them.
void feed_in_pieces(CaptureStream& stream, const std::string& bytes, std::size_t piece) {
  for (std::size_t at = 0; at < bytes.size(); at += piece) stream.feed(std::string_view(bytes).substr(at, piece));
}

}  // namespace

TEST_CASE("CaptureStream", "[capture]") {
  const std::string nonce = make_capture_nonce();
  const std::string start = capture_marker(nonce, MarkKind::start);
  const std::string end = capture_marker(nonce, MarkKind::end);
  auto mark = [&](std::uint32_t n) { return capture_marker(nonce, MarkKind::statement, n); };

  SECTION("markers are removed and their offsets kept, however the reads cut them") {
    const std::string bytes = "stray\n" + start + mark(0) + "one\n" + mark(1) + mark(2) + "\x1esnip" + "three\n" +
                              mark(3) + end + "after the end\n";
    for (std::size_t piece = 1; piece <= bytes.size(); ++piece) {
      INFO("pieces of " << piece);
      CaptureStream stream;
      stream.begin(nonce, 1024);
      feed_in_pieces(stream, bytes, piece);
      CHECK(stream.ended());
      CHECK(stream.offset_of(0, 99) == 0);
      CHECK(stream.offset_of(1, 99) == 4);
      CHECK(stream.offset_of(2, 99) == 4);
      CHECK(stream.offset_of(3, 99) == 4 + 11);
      CHECK(stream.offset_of(4, 99) == 99);
      bool truncated = true;
      CHECK(stream.take(truncated) == "one\n\x1esnipthree\n");
      CHECK_FALSE(truncated);
    }
  }

  SECTION("another job's markers are output, a second start starts over") {
    CaptureStream stream;
    stream.begin(nonce, 1024);
    const std::string other = capture_marker(make_capture_nonce(), MarkKind::end);
    stream.feed(start + "first attempt\n" + start + "x" + other + "y");
    bool truncated = false;
    CHECK(stream.take(truncated) == "x" + other + "y");
  }

  SECTION("keeps at most the limit and says there was more") {
    CaptureStream stream;
    stream.begin(nonce, 10);
    stream.feed(start + std::string(25, 'a') + end);
    CHECK(stream.exceeded());
    CHECK(stream.size() == 25);
    bool truncated = false;
    CHECK(stream.take(truncated) == std::string(10, 'a'));
    CHECK(truncated);
  }

  SECTION("output cut short by a crash keeps what it held back") {
    CaptureStream stream;
    stream.begin(nonce, 1024);
    stream.feed(start + "before the crash\x1esnipcheck:");
    bool truncated = false;
    CHECK(stream.take(truncated) == "before the crash\x1esnipcheck:");
  }
}
