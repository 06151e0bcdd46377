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
