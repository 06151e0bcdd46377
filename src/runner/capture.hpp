// Capture: how a job's stdout and stderr reach the supervisor. The worker's fds 1 and 2 are
// pipes the supervisor drains; a pipe, unlike a file, is not subject to the snippet's
// RLIMIT_FSIZE, and what the supervisor keeps of it is capped. Where one job's output begins and
// ends, and where each top-level statement's ends, travels in-band: short markers carrying a
// per-job nonce, each written with one write() of less than PIPE_BUF bytes (so never split by
// another writer), which CaptureStream removes from the text and turns into byte offsets.
// This file knows nothing of Python or processes; it parses bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace snipcheck {

// What a marker says.
enum class MarkKind : char {
  start = 'S',      // a job's output begins here (a second one starts it over: a rerun)
  statement = 'M',  // after statement n (n = 0: before the first one)
  end = 'E',        // the job's output ends here; anything after it is not the job's
};

// A fresh random nonce (hex), one per job.
std::string make_capture_nonce();

// The bytes of one marker for `nonce`.
std::string capture_marker(const std::string& nonce, MarkKind kind, std::uint32_t number = 0);

// One stream (stdout or stderr) of a worker, across its jobs. Feed it what the pipe gives, in
// any pieces; it keeps at most `limit` + 1 bytes of the current job's output.
class CaptureStream {
 public:
  // A new job: its nonce and cap. Output before its start marker is dropped.
  void begin(const std::string& nonce, std::uint64_t limit);
  void feed(std::string_view bytes);

  bool started() const { return m_started; }
  bool ended() const { return m_ended; }
  std::uint64_t size() const { return m_size; }  // bytes of the job's output, kept or not
  bool exceeded() const { return m_size > m_limit; }
  const std::string& text() const { return m_text; }
  // Byte offset of statement marker `number`, or `fallback` when it never came.
  std::uint64_t offset_of(std::uint32_t number, std::uint64_t fallback) const;

  // The job's output (at most `limit` bytes) and whether there was more; resets the job.
  std::string take(bool& truncated);

 private:
  void output(std::string_view bytes);
  void marker(MarkKind kind, std::uint32_t number);

  std::string m_prefix;  // what every marker of this job starts with
  std::uint64_t m_limit = 0;
  std::string m_held;    // bytes that may be the start of a marker, until the next feed
  std::string m_text;
  std::uint64_t m_size = 0;
  bool m_started = false;
  bool m_ended = false;
  std::map<std::uint32_t, std::uint64_t> m_offsets;
};

}  // namespace snipcheck
