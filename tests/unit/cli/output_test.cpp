#include "cli/output.hpp"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/commands.hpp"
#include "support/temp_dir.hpp"
#include "util/fs.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

TEST_CASE("check_report_paths", "[cli][output]") {
  TempDir dir("snipcheck-unit");
  SECTION("files that can be written, -, and a device pass") {
    CHECK(check_report_paths({{"--json", (dir.path() / "r.json").string()}, {"--junit", "-"}, {"--fix", "/dev/null"}})
              .has_value());
  }
  SECTION("a directory is refused, naming the path and the option") {
    auto checked = check_report_paths({{"--junit", dir.path().string()}});
    REQUIRE_FALSE(checked.has_value());
    CHECK(checked.error().file == dir.path().string());
    CHECK_THAT(checked.error().message, Catch::Contains("is a directory") && Catch::Contains("(--junit)"));
  }
  SECTION("two reports onto -, or onto one file (also through a symlink), are refused") {
    CHECK_FALSE(check_report_paths({{"--json", "-"}, {"--junit", "-"}}).has_value());
    testing::write_tree(dir.path(), {{"r.json", "old"}});
    fs::create_symlink("r.json", dir.path() / "link.json");
    auto checked = check_report_paths({{"--json", (dir.path() / "r.json").string()},
                                       {"--markdown", (dir.path() / "link.json").string()}});
    REQUIRE_FALSE(checked.has_value());
    CHECK_THAT(checked.error().message, Catch::Contains("--json and --markdown would write the same file"));
  }
  SECTION("two reports onto one device are written through, one after the other") {
    CHECK(check_report_paths({{"--json", "/dev/null"}, {"--junit", "/dev/null"}}).has_value());
  }
}

TEST_CASE("check_report_paths compares files by identity", "[cli][output]") {
  TempDir dir("snipcheck-unit");
  const std::string a = (dir.path() / "a.json").string();
  const std::string dotted = (dir.path() / "." / "a.json").string();
  const std::string around = (dir.path() / ".." / dir.path().filename() / "a.json").string();
  SECTION("one name not there yet, spelt two ways") {
    for (const std::string& other : {dotted, around}) {
      auto checked = check_report_paths({{"--json", a}, {"--junit", other}});
      REQUIRE_FALSE(checked.has_value());
      CHECK(checked.error().file == other);
      CHECK_THAT(checked.error().message, Catch::Contains("--json and --junit would write the same file"));
    }
  }
  SECTION("two hard links of one file") {
    testing::write_tree(dir.path(), {{"b.json", "old"}});
    fs::create_hard_link(dir.path() / "b.json", dir.path() / "hard.json");
    CHECK_FALSE(check_report_paths({{"--json", (dir.path() / "b.json").string()},
                                    {"--junit", (dir.path() / "hard.json").string()}})
                    .has_value());
  }
  SECTION("- and /dev/stdout are one stream") {
    CHECK_FALSE(check_report_paths({{"--json", "/dev/stdout"}, {"--junit", "-"}}).has_value());
  }
}

TEST_CASE("check_report_paths refuses the command's inputs", "[cli][output]") {
  TempDir dir("snipcheck-unit");
  testing::write_tree(dir.path(), {{"w.md", "material"},
                                   {"bank/snippets/001-a.py", "print(1)\n"},
                                   {"bank/expected/001-a.out", "1\n"},
                                   {"bank/snipcheck.toml", ""}});
  const std::string material = (dir.path() / "w.md").string();
  SECTION("a file the command reads, by any name") {
    fs::create_symlink("w.md", dir.path() / "link.md");
    for (const std::string& path : {material, (dir.path() / "." / "w.md").string(), (dir.path() / "link.md").string()}) {
      auto checked = check_report_paths({{"--fix", path}}, {{material, false}});
      REQUIRE_FALSE(checked.has_value());
      CHECK(checked.error().file == path);
      CHECK_THAT(checked.error().message, Catch::Contains("which this command reads (--fix)"));
    }
    CHECK(check_report_paths({{"--fix", (dir.path() / "w.diff").string()}}, {{material, false}}).has_value());
  }
  SECTION("inside a bank's snippets/ or expected/, or onto its snipcheck.toml") {
    const std::string bank = (dir.path() / "bank").string();
    for (const std::string name : {"snippets/001-a.py", "snippets/new.json", "expected/001-a.out", "snippets/../expected/z.json", "snipcheck.toml"}) {
      const std::string path = bank + "/" + name;
      auto checked = check_report_paths({{"--json", path}}, bank_inputs(bank));
      INFO(path);
      REQUIRE_FALSE(checked.has_value());
      CHECK_THAT(checked.error().message, Catch::Contains("this command reads (--json)"));
    }
    CHECK(check_report_paths({{"--json", bank + "/report.json"}}, bank_inputs(bank)).has_value());
  }
}

TEST_CASE("terminal_stream", "[cli][output]") {
  SECTION("stdout, unless a report goes to -") {
    CHECK(&terminal_stream({{"--json", "r.json"}}) == &std::cout);
    CHECK(&terminal_stream({{"--json", "r.json"}, {"--junit", "-"}}) == &std::cerr);
  }
}

TEST_CASE("exit_status_of", "[cli][output]") {
  SECTION("0, 1, 3 as the summary says") {
    Summary summary;
    CHECK(exit_status_of(summary) == k_exit_ok);
    summary.counts[static_cast<std::size_t>(Verdict::wrong)] = 1;
    CHECK(exit_status_of(summary) == k_exit_failed);
    summary.internal_failure = true;
    CHECK(exit_status_of(summary) == k_exit_internal);
  }
}
