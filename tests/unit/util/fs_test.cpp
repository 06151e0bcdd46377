#include "util/fs.hpp"

#include <sys/mount.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;
using namespace std::string_literals;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("read_file", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  SECTION("reads the whole file, bytes as they are") {
    const std::string content = "line 1\r\nbinary \0\xff bytes\nno newline at end"s;
    testing::write_tree(dir.path(), {{"data.bin", content}});
    auto text = read_file(dir.path() / "data.bin");
    REQUIRE(text.has_value());
    CHECK(*text == content);
  }
  SECTION("an empty file gives an empty string") {
    testing::write_tree(dir.path(), {{"empty.txt", ""}});
    auto text = read_file(dir.path() / "empty.txt");
    REQUIRE(text.has_value());
    CHECK(text->empty());
  }
  SECTION("a missing file gives an Error naming the file") {
    const fs::path missing = dir.path() / "no-such-file.out";
    auto text = read_file(missing);
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().file == missing.string());
    CHECK_FALSE(text.error().message.empty());
    CHECK_THAT(text.error().describe(), Catch::Contains("no-such-file.out"));
  }
  SECTION("a directory is not a file") {
    auto text = read_file(dir.path());
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().file == dir.path().string());
  }
}

TEST_CASE("write_file_atomic", "[util][fs]") {
  TempDir dir("snipcheck-unit");
  const fs::path target = dir.path() / "report.json";
  SECTION("writes the content and leaves no temp file behind") {
    const std::string content = "{\"a\": 1}\n\0tail"s;
    auto written = write_file_atomic(target, content);
    REQUIRE(written.has_value());
    auto back = read_file(target);
    REQUIRE(back.has_value());
    CHECK(*back == content);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
  }
  SECTION("replaces an existing file entirely") {
    testing::write_tree(dir.path(), {{"report.json", "a much longer old content that must disappear"}});
    REQUIRE(write_file_atomic(target, "new").has_value());
    CHECK(read_file(target).value() == "new");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
  }
  SECTION("a folder that does not exist gives an Error naming the file") {
    const fs::path bad = dir.path() / "no-such-dir" / "report.json";
    auto written = write_file_atomic(bad, "x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().file == bad.string());
    CHECK(names_in(dir.path()).empty());
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
