// Copy-on-write, paid ahead. A child forked from the worker's starter writes to a few hundred
// pages it shares with the starter (reference counts, caches, the allocator's lists), and on
// this kind of virtual machine each such write fault costs about 16 µs, three times what
// writing the same page with madvise(MADV_POPULATE_WRITE) costs. So the starter learns which
// pages its children write (from /proc/self/pagemap at the end of a child's job) and each new
// child writes those pages in one batch before its job arrives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace snipcheck {

struct PageRun {
  std::uintptr_t start = 0;  // page-aligned address
  std::size_t pages = 0;
};

// Pages of this process's writable private mappings that it no longer shares with any other
// process (written since the fork, or new), as runs of consecutive pages.
std::vector<PageRun> own_written_pages();

// Writes (populates) the pages of `runs` that are still mapped here; others are skipped.
void populate_pages(const std::vector<PageRun>& runs);

// Which pages the starter's children tend to write: those written by at least half of the
// children it learned from.
class HotPages {
 public:
  void learn(const std::vector<PageRun>& written);
  const std::vector<PageRun>& hot() const { return m_hot; }
  int learned() const { return m_learned; }

 private:
  std::map<std::uintptr_t, int> m_counts;  // page address -> children that wrote it
  int m_learned = 0;
  std::vector<PageRun> m_hot;
};

}  // namespace snipcheck
