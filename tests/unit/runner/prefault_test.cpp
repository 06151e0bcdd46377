#include "runner/prefault.hpp"

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

const std::uintptr_t k_page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));

bool covers(const std::vector<PageRun>& runs, std::uintptr_t page) {
  for (const PageRun& run : runs) {
    if (page >= run.start && page < run.start + run.pages * k_page) return true;
  }
  return false;
}

// Which of the `count` pages at `base` a forked child holds as its own after `act` ran in it:
// one bit per page, sent back through a pipe.
unsigned own_pages_in_child(char* base, int count, void (*act)(char*)) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    act(base);
    std::vector<PageRun> runs = own_written_pages();
    unsigned bits = 0;
    for (int i = 0; i < count; ++i) {
      if (covers(runs, reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(i) * k_page)) bits |= 1U << i;
    }
    ssize_t ignored = ::write(fds[1], &bits, sizeof bits);
    (void)ignored;
    ::_exit(0);
  }
  ::close(fds[1]);
  unsigned bits = ~0U;
  CHECK(::read(fds[0], &bits, sizeof bits) == static_cast<ssize_t>(sizeof bits));
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  return bits;
}

}  // namespace

TEST_CASE("HotPages keeps the pages at least half of the children wrote", "[runner][prefault]") {
  const std::uintptr_t a = 0x10000 * k_page;
  HotPages hot;
  CHECK(hot.hot().empty());

  hot.learn({{a, 2}});  // pages a, a+1
  REQUIRE(hot.hot().size() == 1);
  CHECK(hot.hot()[0].start == a);
  CHECK(hot.hot()[0].pages == 2);

  hot.learn({{a + k_page, 2}});  // a+1, a+2: each page written by at least one of two
  REQUIRE(hot.hot().size() == 1);
  CHECK(hot.hot()[0].pages == 3);

  hot.learn({{a + k_page, 1}, {a + 9 * k_page, 1}});  // a+1 three times of three, the rest once
  CHECK(hot.learned() == 3);
  REQUIRE(hot.hot().size() == 1);
  CHECK(hot.hot()[0].start == a + k_page);
  CHECK(hot.hot()[0].pages == 1);
}

TEST_CASE("own_written_pages and populate_pages after a fork", "[runner][prefault]") {
  constexpr int k_count = 8;
  void* mapped = ::mmap(nullptr, k_count * k_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mapped != MAP_FAILED);
  char* base = static_cast<char*>(mapped);
  std::memset(base, 1, k_count * k_page);  // every page present, and shared with a child after fork

  SECTION("a page the child wrote is its own; the ones it only read are not") {
    unsigned bits = own_pages_in_child(base, k_count, [](char* pages) {
      pages[2 * k_page] = 7;
      pages[3 * k_page + 100] = 7;
      volatile char read = pages[5 * k_page];
      (void)read;
    });
    CHECK(bits == ((1U << 2) | (1U << 3)));
  }
  SECTION("populate_pages writes the pages of its runs, and only those") {
    unsigned bits = own_pages_in_child(base, k_count, [](char* pages) {
      populate_pages({{reinterpret_cast<std::uintptr_t>(pages) + 4 * k_page, 2}});
    });
    CHECK(bits == ((1U << 4) | (1U << 5)));
  }
  SECTION("a run that is no longer mapped is skipped") {
    unsigned bits = own_pages_in_child(base, k_count, [](char* pages) {
      ::munmap(pages + 6 * k_page, 2 * k_page);
      populate_pages({{reinterpret_cast<std::uintptr_t>(pages) + 6 * k_page, 2},
                      {reinterpret_cast<std::uintptr_t>(pages), 1}});
    });
    CHECK(bits == 1U);
  }
  ::munmap(mapped, k_count * k_page);
}
