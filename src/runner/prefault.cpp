#include "runner/prefault.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <cstdio>
#include <cstring>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14
#endif

namespace snipcheck {

namespace {

constexpr std::uint64_t k_present = 1ULL << 63;
constexpr std::uint64_t k_exclusive = 1ULL << 56;  // PM_MMAP_EXCLUSIVE: mapped by this process only
constexpr unsigned long k_largest_mapping = 1UL << 32;

void append_page(std::vector<PageRun>& runs, std::uintptr_t page, std::size_t page_size) {
  if (!runs.empty() && runs.back().start + runs.back().pages * page_size == page) {
    ++runs.back().pages;
  } else {
    runs.push_back({page, 1});
  }
}

}  // namespace

std::vector<PageRun> own_written_pages() {
  std::vector<PageRun> runs;
  const auto page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  FILE* maps = std::fopen("/proc/self/maps", "re");
  int pagemap = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (maps == nullptr || pagemap < 0) {
    if (maps != nullptr) std::fclose(maps);
    if (pagemap >= 0) ::close(pagemap);
    return runs;
  }
  char line[512];
  std::uint64_t entries[4096];
  while (std::fgets(line, sizeof line, maps) != nullptr) {
    unsigned long start = 0, end = 0;
    char perms[8] = {};
    if (std::sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3) continue;
    if (perms[1] != 'w' || perms[3] != 'p' || std::strstr(line, "[v") != nullptr) continue;
    // Address space reserved by the gigabyte (a sanitizer's shadow, say) is not a heap.
    if (end - start > k_largest_mapping) continue;
    for (unsigned long at = start; at < end;) {
      const std::size_t count = std::min<std::size_t>(std::size(entries), (end - at) / page_size);
      const auto bytes = static_cast<ssize_t>(count * sizeof(std::uint64_t));
      if (::pread(pagemap, entries, static_cast<std::size_t>(bytes), static_cast<off_t>(at / page_size * 8)) != bytes) break;
      for (std::size_t i = 0; i < count; ++i) {
        if ((entries[i] & k_present) && (entries[i] & k_exclusive)) append_page(runs, at + i * page_size, page_size);
      }
      at += count * page_size;
    }
  }
  std::fclose(maps);
  ::close(pagemap);
  return runs;
}

void populate_pages(const std::vector<PageRun>& runs) {
  const auto page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  for (const PageRun& run : runs) {
    // A run the process no longer maps whole fails (ENOMEM, EFAULT; EINVAL before Linux 5.14)
    // and is simply not prefaulted: the child then faults those pages in as it would anyway.
    (void)::madvise(reinterpret_cast<void*>(run.start), run.pages * page_size, MADV_POPULATE_WRITE);
  }
}

void HotPages::learn(const std::vector<PageRun>& written) {
  const auto page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  for (const PageRun& run : written) {
    for (std::size_t i = 0; i < run.pages; ++i) ++m_counts[run.start + i * page_size];
  }
  ++m_learned;
  m_hot.clear();
  for (const auto& [page, count] : m_counts) {
    if (count * 2 >= m_learned) append_page(m_hot, page, page_size);
  }
}

}  // namespace snipcheck
