#include "util/fs.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;

namespace {
const ReadLimit k_any_size{1 << 20, "file", ""};
}  // namespace
namespace fs = std::filesystem;
using namespace std::string_literals;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}

struct stat stat_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info;
}

// Opens the FIFO for reading on a thread of its own (the writer's open blocks until then) and
// reads until the writer closes it.
class FifoReader {
 public:
  explicit FifoReader(const fs::path& fifo)
      : m_thread([this, fifo] {
          int fd = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC);
          if (fd < 0) return;
          char buffer[4096];
          for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) m_text.append(buffer, static_cast<std::size_t>(got));
          ::close(fd);
        }) {}
  std::string finish() {
    m_thread.join();
    return m_text;
  }

 private:
  std::string m_text;
  std::thread m_thread;
};

constexpr int k_no_readonly_dev = 99;

// Runs `body` in a child process whose /dev is a read-only bind mount in a mount namespace of its
// own: whatever the code under test does, it can write through the device nodes but can never
// replace one of this machine's. Returns the child's exit status; k_no_readonly_dev when, as
// root, no such namespace could be made (then `body` did not run). Not root, /dev is not ours
// to replace anyway, and `body` runs in the child as it is.
int in_readonly_dev(const std::function<int()>& body) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    bool isolated = ::unshare(CLONE_NEWNS) == 0 && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
                    ::mount("/dev", "/dev", nullptr, MS_BIND | MS_REC, nullptr) == 0 &&
                    ::mount(nullptr, "/dev", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
    bool read_only = ::access("/dev", W_OK) != 0 && errno == EROFS;
    if (::geteuid() == 0 && !(isolated && read_only)) ::_exit(k_no_readonly_dev);
    ::_exit(body());
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("read_file", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  SECTION("reads the whole file, bytes as they are") {
    const std::string content = "line 1\r\nbinary \0\xff bytes\nno newline at end"s;
    testing::write_tree(dir.path(), {{"data.bin", content}});
    auto text = read_file(dir.path() / "data.bin", k_any_size);
    REQUIRE(text.has_value());
    CHECK(*text == content);
  }
  SECTION("an empty file gives an empty string") {
    testing::write_tree(dir.path(), {{"empty.txt", ""}});
    auto text = read_file(dir.path() / "empty.txt", k_any_size);
    REQUIRE(text.has_value());
    CHECK(text->empty());
  }
  SECTION("a missing file gives an Error naming the file") {
    const fs::path missing = dir.path() / "no-such-file.out";
    auto text = read_file(missing, k_any_size);
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().file == missing.string());
    CHECK_FALSE(text.error().message.empty());
    CHECK_THAT(text.error().describe(), Catch::Contains("no-such-file.out"));
  }
  SECTION("a directory is not a file") {
    auto text = read_file(dir.path(), k_any_size);
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().file == dir.path().string());
  }
}

TEST_CASE("read_file reads to a limit", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  const ReadLimit limit{1000, "code", "why it is so"};
  SECTION("up to the limit: the whole file") {
    testing::write_tree(dir.path(), {{"exact.py", std::string(1000, 'x')}});
    CHECK(read_file(dir.path() / "exact.py", limit).value().size() == 1000);
  }
  SECTION("one byte more: an Error naming the file and the limit") {
    testing::write_tree(dir.path(), {{"over.py", std::string(1001, 'x')}});
    auto text = read_file(dir.path() / "over.py", limit);
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().file == (dir.path() / "over.py").string());
    CHECK(text.error().message == "code too large: more than 1000 B (why it is so)");
  }
  SECTION("a file that never ends stops at the limit") {
    auto text = read_file("/dev/zero", {1024 * 1024, "expected output", ""});
    REQUIRE_FALSE(text.has_value());
    CHECK_THAT(text.error().message, Catch::Contains("expected output too large: more than 1 MiB"));
  }
}

TEST_CASE("write_file_atomic", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  const fs::path target = dir.path() / "report.json";
  SECTION("writes the content and leaves no temp file behind") {
    const std::string content = "{\"a\": 1}\n\0tail"s;
    auto written = write_file_atomic(target, content);
    REQUIRE(written.has_value());
    auto back = read_file(target, k_any_size);
    REQUIRE(back.has_value());
    CHECK(*back == content);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
  }
  SECTION("replaces an existing file entirely") {
    testing::write_tree(dir.path(), {{"report.json", "a much longer old content that must disappear"}});
    REQUIRE(write_file_atomic(target, "new").has_value());
    CHECK(read_file(target, k_any_size).value() == "new");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
  }
  SECTION("the file replaced keeps its permissions") {
    testing::write_tree(dir.path(), {{"report.json", "old"}});
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    REQUIRE(write_file_atomic(target, "new").has_value());
    CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  }
  SECTION("a folder that does not exist gives an Error naming the file") {
    const fs::path bad = dir.path() / "no-such-dir" / "report.json";
    auto written = write_file_atomic(bad, "x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().file == bad.string());
    CHECK(names_in(dir.path()).empty());
  }
}

TEST_CASE("resolve_output", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  SECTION("- is standard output") {
    auto target = resolve_output("-");
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::standard_output);
  }
  SECTION("a new file in a folder that exists is replaced atomically") {
    auto target = resolve_output((dir.path() / "new.json").string());
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::replace);
    CHECK(names_in(dir.path()).empty());
  }
  SECTION("a symlink resolves to the file it names, also when that file does not exist yet") {
    fs::create_directory(dir.path() / "real");
    fs::create_symlink("real/report.json", dir.path() / "link.json");
    auto target = resolve_output((dir.path() / "link.json").string());
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::replace);
    CHECK(target->path == dir.path() / "real/report.json");
  }
  SECTION("a FIFO is written through, and not opened to decide it") {
    REQUIRE(::mkfifo((dir.path() / "pipe").c_str(), 0600) == 0);
    auto target = resolve_output((dir.path() / "pipe").string());
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::write_through);
  }
  SECTION("a file with several hard links is written in place, and stays one file") {
    testing::write_tree(dir.path(), {{"b.json", "old, longer than the report"}});
    fs::create_hard_link(dir.path() / "b.json", dir.path() / "hard.json");
    auto target = resolve_output((dir.path() / "hard.json").string());
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::in_place);
    REQUIRE(write_output((dir.path() / "hard.json").string(), "new").has_value());
    CHECK(fs::hard_link_count(dir.path() / "b.json") == 2);
    CHECK(read_file(dir.path() / "b.json", k_any_size).value() == "new");
    CHECK(names_in(dir.path()).size() == 2);  // b.json, hard.json: no temporary file left
  }
  SECTION("a character device is written through") {
    auto target = resolve_output("/dev/null");
    REQUIRE(target.has_value());
    CHECK(target->kind == OutputKind::write_through);
  }
  SECTION("a directory is refused, naming it") {
    auto target = resolve_output(dir.path().string());
    REQUIRE_FALSE(target.has_value());
    CHECK(target.error().file == dir.path().string());
    CHECK_THAT(target.error().message, Catch::Contains("is a directory"));
  }
  SECTION("a folder that does not exist is refused") {
    auto target = resolve_output((dir.path() / "no-such-dir" / "r.json").string());
    REQUIRE_FALSE(target.has_value());
    CHECK_THAT(target.error().message, Catch::Contains("no such directory"));
  }
  SECTION("a path through a regular file is refused") {
    testing::write_tree(dir.path(), {{"file", "x"}});
    auto target = resolve_output((dir.path() / "file" / "r.json").string());
    REQUIRE_FALSE(target.has_value());
  }
}

TEST_CASE("write_output", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  SECTION("a regular file is replaced whole, with no temp file left") {
    testing::write_tree(dir.path(), {{"r.json", "an older and much longer content"}});
    REQUIRE(write_output((dir.path() / "r.json").string(), "new").has_value());
    CHECK(read_file(dir.path() / "r.json", k_any_size).value() == "new");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"r.json"});
  }
  SECTION("a symlink is kept and the file it names replaced") {
    testing::write_tree(dir.path(), {{"real/r.json", "old"}});
    fs::create_symlink("real/r.json", dir.path() / "link.json");
    REQUIRE(write_output((dir.path() / "link.json").string(), "new").has_value());
    CHECK(fs::is_symlink(fs::symlink_status(dir.path() / "link.json")));
    CHECK(fs::read_symlink(dir.path() / "link.json") == "real/r.json");
    CHECK(read_file(dir.path() / "real/r.json", k_any_size).value() == "new");
    CHECK(names_in(dir.path() / "real") == std::vector<std::string>{"r.json"});
  }
  SECTION("a dangling symlink gets the file it names") {
    fs::create_directory(dir.path() / "real");
    fs::create_symlink(dir.path() / "real/r.json", dir.path() / "link.json");
    REQUIRE(write_output((dir.path() / "link.json").string(), "new").has_value());
    CHECK(fs::is_symlink(fs::symlink_status(dir.path() / "link.json")));
    CHECK(read_file(dir.path() / "real/r.json", k_any_size).value() == "new");
  }
  SECTION("a FIFO is written through and stays a FIFO") {
    const fs::path fifo = dir.path() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    FifoReader reader(fifo);
    auto written = write_output(fifo.string(), "{\"through\": true}\n");
    std::string received = reader.finish();
    REQUIRE(written.has_value());
    CHECK(received == "{\"through\": true}\n");
    CHECK(S_ISFIFO(stat_of(fifo).st_mode));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"pipe"});
  }
  SECTION("/dev/null is written through and stays this machine's character device") {
    const struct stat before = stat_of("/dev/null");
    int status = in_readonly_dev([] { return write_output("/dev/null", "report\n").has_value() ? 0 : 1; });
    if (status == k_no_readonly_dev) {
      WARN("no mount namespace with a read-only /dev: /dev/null not tried");
      return;
    }
    CHECK(status == 0);
    const struct stat after = stat_of("/dev/null");
    CHECK(S_ISCHR(after.st_mode));
    CHECK(after.st_ino == before.st_ino);
    CHECK(after.st_rdev == before.st_rdev);
  }
  SECTION("/dev/full gives an Error naming it, and stays a character device") {
    int status = in_readonly_dev([] {
      auto written = write_output("/dev/full", "report\n");
      if (written) return 1;
      if (written.error().file != "/dev/full") return 2;
      return written.error().message.find(std::strerror(ENOSPC)) == std::string::npos ? 3 : 0;
    });
    if (status == k_no_readonly_dev) {
      WARN("no mount namespace with a read-only /dev: /dev/full not tried");
      return;
    }
    CHECK(status == 0);
    CHECK(S_ISCHR(stat_of("/dev/full").st_mode));
  }
  SECTION("a directory is refused and left as it is") {
    fs::create_directory(dir.path() / "out");
    auto written = write_output((dir.path() / "out").string(), "x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().file == (dir.path() / "out").string());
    CHECK(fs::is_directory(dir.path() / "out"));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"out"});
  }
}

TEST_CASE("TempDir", "[util][fs]") {
  SECTION("creates a fresh directory named after the prefix") {
    TempDir dir("snipcheck-unit-prefix");
    CHECK(fs::is_directory(dir.path()));
    CHECK(dir.path().is_absolute());
    CHECK_THAT(dir.path().filename().string(), Catch::StartsWith("snipcheck-unit-prefix-"));
    CHECK(fs::is_empty(dir.path()));
  }
  SECTION("two directories are distinct") {
    TempDir first("snipcheck-unit");
    TempDir second("snipcheck-unit");
    CHECK(first.path() != second.path());
  }
  SECTION("is created under $TMPDIR when it is set") {
    TempDir base("snipcheck-unit-base");
    const char* old = std::getenv("TMPDIR");
    const std::string saved = old ? old : "";
    ::setenv("TMPDIR", base.path().c_str(), 1);
    fs::path inner_path;
    {
      TempDir inner("inner");
      inner_path = inner.path();
    }
    if (old) ::setenv("TMPDIR", saved.c_str(), 1);
    else ::unsetenv("TMPDIR");
    CHECK(inner_path.parent_path() == base.path());
    CHECK_FALSE(fs::exists(inner_path));
  }
  SECTION("removes itself and its contents on destruction") {
    fs::path path;
    {
      TempDir dir("snipcheck-unit");
      path = dir.path();
      testing::write_tree(path, {{"a/b/c.txt", "deep"}, {"top.txt", "top"}});
      REQUIRE(fs::exists(path / "a/b/c.txt"));
    }
    CHECK_FALSE(fs::exists(path));
  }
  SECTION("KeepDir::yes keeps the directory") {
    fs::path path;
    {
      TempDir dir("snipcheck-unit", KeepDir::yes);
      path = dir.path();
      testing::write_tree(path, {{"kept.txt", "still here"}});
    }
    CHECK(fs::exists(path / "kept.txt"));
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
}

namespace {

// Sets TMPDIR for a scope, and puts back what was there.
class TmpdirSetting {
 public:
  explicit TmpdirSetting(const std::string& value) {
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) m_saved = old;
    ::setenv("TMPDIR", value.c_str(), 1);
  }
  ~TmpdirSetting() {
    if (m_saved) ::setenv("TMPDIR", m_saved->c_str(), 1);
    else ::unsetenv("TMPDIR");
  }
  TmpdirSetting(const TmpdirSetting&) = delete;
  TmpdirSetting& operator=(const TmpdirSetting&) = delete;

 private:
  std::optional<std::string> m_saved;
};

// A tiny tmpfs mounted on `dir` for the scope (as root only; mounted() tells).
class SmallTmpfs {
 public:
  SmallTmpfs(const fs::path& dir, const std::string& options) : m_dir(dir) {
    m_mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;
  bool mounted() const { return m_mounted; }

 private:
  fs::path m_dir;
  bool m_mounted = false;
};

}  // namespace

TEST_CASE("usable_temp_base", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  SECTION("TMPDIR when it is a writable folder, and it is left as it was") {
    TmpdirSetting tmpdir(dir.path().string());
    auto base = usable_temp_base();
    REQUIRE(base.has_value());
    CHECK(*base == dir.path());
    CHECK(fs::is_empty(dir.path()));
  }
  SECTION("a missing TMPDIR is an Error naming it") {
    TmpdirSetting tmpdir((dir.path() / "gone").string());
    auto base = usable_temp_base();
    REQUIRE_FALSE(base.has_value());
    CHECK(base.error().file == (dir.path() / "gone").string());
    CHECK_THAT(base.error().message, Catch::StartsWith("TMPDIR does not exist"));
  }
  SECTION("a TMPDIR that is a file") {
    testing::write_tree(dir.path(), {{"file", "x"}});
    TmpdirSetting tmpdir((dir.path() / "file").string());
    auto base = usable_temp_base();
    REQUIRE_FALSE(base.has_value());
    CHECK_THAT(base.error().message, Catch::StartsWith("TMPDIR is not a directory"));
  }
  SECTION("a full TMPDIR, and one out of inodes (a small tmpfs, when this test may mount one)") {
    const fs::path mount_point = dir.path() / "small";
    fs::create_directories(mount_point);
    SECTION("full") {
      SmallTmpfs tmpfs(mount_point, "size=64k");
      if (!tmpfs.mounted()) {
        WARN("cannot mount a tmpfs here (not root?): skipped");
        return;
      }
      {
        std::ofstream fill(mount_point / "fill", std::ios::binary);
        const std::string block(4096, 'x');
        for (int i = 0; i < 64 && fill; ++i) fill << block;
      }
      TmpdirSetting tmpdir(mount_point.string());
      auto base = usable_temp_base();
      REQUIRE_FALSE(base.has_value());
      CHECK(base.error().file == mount_point.string());
      CHECK_THAT(base.error().message, Catch::Contains("No space left on device"));
    }
    SECTION("out of inodes") {
      SmallTmpfs tmpfs(mount_point, "size=1m,nr_inodes=4");
      if (!tmpfs.mounted()) {
        WARN("cannot mount a tmpfs here (not root?): skipped");
        return;
      }
      for (int i = 0; i < 8; ++i) std::ofstream(mount_point / ("f" + std::to_string(i))) << "x";
      TmpdirSetting tmpdir(mount_point.string());
      auto base = usable_temp_base();
      REQUIRE_FALSE(base.has_value());
      CHECK_THAT(base.error().message, Catch::Contains("No space left on device"));
    }
  }
}
