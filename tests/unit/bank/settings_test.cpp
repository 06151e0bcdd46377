#include "bank/settings.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace snipcheck;

namespace {

constexpr std::uint64_t KiB = 1024;
constexpr std::uint64_t MiB = 1024 * KiB;
constexpr std::uint64_t GiB = 1024 * MiB;

// Parses `text` and expects it to be rejected; returns the error.
Error rejected(const std::string& text) {
  auto parsed = parse_settings(text, "bank/snipcheck.toml");
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

}  // namespace

TEST_CASE("to_string(CompareMode) and compare_mode_from", "[bank][settings]") {
  SECTION("every mode round-trips through its name") {
    for (CompareMode mode : {CompareMode::exact, CompareMode::normalize, CompareMode::ellipsis}) {
      CHECK(compare_mode_from(to_string(mode)) == mode);
    }
    CHECK(to_string(CompareMode::exact) == "exact");
    CHECK(to_string(CompareMode::normalize) == "normalize");
    CHECK(to_string(CompareMode::ellipsis) == "ellipsis");
  }
  SECTION("unknown names") {
    CHECK_FALSE(compare_mode_from("fuzzy").has_value());
    CHECK_FALSE(compare_mode_from("Exact").has_value());
    CHECK_FALSE(compare_mode_from("").has_value());
  }
}

TEST_CASE("to_string(Isolation) and isolation_from", "[bank][settings]") {
  SECTION("every isolation round-trips through its name") {
    for (Isolation isolation : {Isolation::automatic, Isolation::subinterpreter, Isolation::process}) {
      CHECK(isolation_from(to_string(isolation)) == isolation);
    }
    CHECK(to_string(Isolation::automatic) == "auto");
    CHECK(to_string(Isolation::subinterpreter) == "subinterpreter");
    CHECK(to_string(Isolation::process) == "process");
  }
  SECTION("unknown names") {
    CHECK_FALSE(isolation_from("automatic").has_value());
    CHECK_FALSE(isolation_from("thread").has_value());
    CHECK_FALSE(isolation_from("").has_value());
  }
}

TEST_CASE("to_string(RunMode) and run_mode_from", "[bank][settings][repl]") {
  SECTION("every mode round-trips through its name") {
    for (RunMode mode : {RunMode::script, RunMode::repl}) CHECK(run_mode_from(to_string(mode)) == mode);
    CHECK(to_string(RunMode::script) == "script");
    CHECK(to_string(RunMode::repl) == "repl");
  }
  SECTION("unknown names") {
    CHECK_FALSE(run_mode_from("REPL").has_value());
    CHECK_FALSE(run_mode_from("transcript").has_value());
    CHECK_FALSE(run_mode_from("").has_value());
  }
}

TEST_CASE("parse_settings", "[bank][settings]") {
  SECTION("mode in [defaults] and per question; script by default") {
    auto parsed = parse_settings("[defaults]\nmode = \"repl\"\n[question.\"001-a\"]\nmode = \"script\"\n"
                                 "[question.\"002-b\"]\ntimeout = 1\n",
                                 "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.mode == RunMode::repl);
    CHECK(parsed->questions.at("001-a").mode == RunMode::script);
    CHECK(parsed->questions.at("002-b").mode == RunMode::repl);
    auto plain = parse_settings("", "snipcheck.toml");
    REQUIRE(plain.has_value());
    CHECK(plain->defaults.mode == RunMode::script);
  }
  SECTION("a bad mode names the file and line") {
    Error error = rejected("[question.\"001-a\"]\ntimeout = 2\nmode = \"transcript\"\n");
    CHECK(error.line == 3);
    CHECK_THAT(error.message, Catch::Contains("mode must be one of \"script\", \"repl\""));
    CHECK(rejected("[defaults]\nmode = 1\n").line == 2);
  }
  SECTION("an empty file gives the built-in defaults") {
    auto parsed = parse_settings("", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    const Settings& d = parsed->defaults;
    CHECK(d.timeout_s == 10.0);
    CHECK(d.compare == CompareMode::exact);
    CHECK(d.output_limit == 1 * MiB);
    CHECK(d.memory_limit == 2 * GiB);
    CHECK(d.file_size_limit == 64 * MiB);
    CHECK_FALSE(d.skip.has_value());
    CHECK(parsed->questions.empty());
    CHECK(parsed->question_lines.empty());
  }
  SECTION("[defaults] overrides every key") {
    auto parsed = parse_settings(
        "[defaults]\n"
        "timeout = 2.5\n"
        "compare = \"normalize\"\n"
        "output_limit = \"2KiB\"\n"
        "memory_limit = 67108864\n"
        "file_size_limit = \"3MiB\"\n",
        "snipcheck.toml");
    REQUIRE(parsed.has_value());
    const Settings& d = parsed->defaults;
    CHECK(d.timeout_s == 2.5);
    CHECK(d.compare == CompareMode::normalize);
    CHECK(d.output_limit == 2 * KiB);
    CHECK(d.memory_limit == 64 * MiB);
    CHECK(d.file_size_limit == 3 * MiB);
  }
  SECTION("an integer timeout is seconds") {
    auto parsed = parse_settings("[defaults]\ntimeout = 3\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.timeout_s == 3.0);
  }
  SECTION("sizes as strings with units and as plain integers") {
    auto parsed = parse_settings(
        "[defaults]\noutput_limit = \"1MiB\"\nmemory_limit = \"1GiB\"\nfile_size_limit = 4096\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.output_limit == 1 * MiB);
    CHECK(parsed->defaults.memory_limit == 1 * GiB);
    CHECK(parsed->defaults.file_size_limit == 4096);
  }
  SECTION("[question.\"ID\"] is merged over [defaults]") {
    auto parsed = parse_settings(
        "[defaults]\n"
        "timeout = 5\n"
        "compare = \"normalize\"\n"
        "\n"
        "[question.\"007-generators\"]\n"
        "timeout = 1.5\n"
        "skip = \"needs a network\"\n"
        "\n"
        "[question.\"008-other\"]\n"
        "compare = \"ellipsis\"\n",
        "snipcheck.toml");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->questions.size() == 2);
    const Settings& q7 = parsed->questions.at("007-generators");
    CHECK(q7.timeout_s == 1.5);
    CHECK(q7.compare == CompareMode::normalize);  // from [defaults]
    CHECK(q7.output_limit == 1 * MiB);            // built-in default
    CHECK(q7.skip == std::optional<std::string>("needs a network"));
    const Settings& q8 = parsed->questions.at("008-other");
    CHECK(q8.timeout_s == 5.0);
    CHECK(q8.compare == CompareMode::ellipsis);
    CHECK_FALSE(q8.skip.has_value());
    CHECK(parsed->question_lines.at("007-generators") == 5);
    CHECK(parsed->question_lines.at("008-other") == 9);
    // The defaults themselves are untouched by the question tables.
    CHECK(parsed->defaults.timeout_s == 5.0);
    CHECK(parsed->defaults.compare == CompareMode::normalize);
  }
  SECTION("a question table written before [defaults] still inherits them") {
    auto parsed = parse_settings(
        "[question.\"001-a\"]\ntimeout = 1\n\n[defaults]\ncompare = \"ellipsis\"\noutput_limit = \"4KiB\"\n",
        "snipcheck.toml");
    REQUIRE(parsed.has_value());
    const Settings& q = parsed->questions.at("001-a");
    CHECK(q.timeout_s == 1.0);
    CHECK(q.compare == CompareMode::ellipsis);
    CHECK(q.output_limit == 4 * KiB);
  }
  SECTION("isolation in [defaults] and per question") {
    auto parsed = parse_settings(
        "[defaults]\nisolation = \"process\"\n[question.\"001-a\"]\nisolation = \"subinterpreter\"\n"
        "[question.\"002-b\"]\ntimeout = 1\n",
        "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.isolation == Isolation::process);
    CHECK(parsed->questions.at("001-a").isolation == Isolation::subinterpreter);
    CHECK(parsed->questions.at("002-b").isolation == Isolation::process);
  }
  SECTION("isolation is auto by default") {
    auto parsed = parse_settings("", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.isolation == Isolation::automatic);
  }
  SECTION("a bad isolation names the line") {
    Error error = rejected("[defaults]\n\nisolation = \"thread\"\n");
    CHECK(error.line == 3);
    CHECK_THAT(error.message, Catch::Contains("isolation"));
  }
  SECTION("the workers' preload and process_modules lists, in [defaults]") {
    auto parsed = parse_settings(
        "[defaults]\npreload = [\"numpy\", \"pandas\"]\nprocess_modules = [\"mylib\"]\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->workers.preload == std::vector<std::string>{"numpy", "pandas"});
    CHECK(parsed->workers.process_modules == std::vector<std::string>{"mylib"});
  }
  SECTION("no worker lists by default") {
    auto parsed = parse_settings("[defaults]\ntimeout = 1\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->workers.preload.empty());
    CHECK(parsed->workers.process_modules.empty());
  }
  SECTION("the worker lists are bank-wide: not in a question table") {
    Error error = rejected("[question.\"001-a\"]\npreload = [\"numpy\"]\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("preload"));
  }
  SECTION("a worker list that is not a list of names") {
    CHECK(rejected("[defaults]\npreload = \"numpy\"\n").line == 2);
    CHECK(rejected("[defaults]\nprocess_modules = [\"a\",\n  3]\n").line == 3);
    CHECK(rejected("[defaults]\npreload = [\"\"]\n").line == 2);
  }
  SECTION("a question's origin: title, source_line, language, after") {
    auto parsed = parse_settings(
        "[question.\"002-b\"]\ntitle = \"Generators\"\nsource_line = 42\nlanguage = \"shell\"\n"
        "after = \"001-a\"\n",
        "snipcheck.toml");
    REQUIRE(parsed.has_value());
    const Settings& q = parsed->questions.at("002-b");
    CHECK(q.title == "Generators");
    CHECK(q.source_line == 42);
    CHECK(q.language == "shell");
    CHECK(q.after == "001-a");
    CHECK(parsed->defaults.language == "python");
    CHECK(parsed->defaults.after.empty());
  }
  SECTION("continues: the id of the question whose session it continues, with its line") {
    auto parsed = parse_settings("[question.\"002-b\"]\ntitle = \"x\"\ncontinues = \"001-a\"\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->questions.at("002-b").continues == "001-a");
    CHECK(parsed->questions.at("002-b").continues_line == 3);
    CHECK(parsed->defaults.continues.empty());
    CHECK(rejected("[defaults]\ncontinues = \"001-a\"\n").line == 2);
    CHECK(rejected("[question.\"002-b\"]\ncontinues = \"\"\n").line == 2);
    CHECK(rejected("[question.\"002-b\"]\n\ncontinues = 1\n").line == 3);
    CHECK_THAT(rejected("[question.\"002-b\"]\ncontinues = true\n").message, Catch::Contains("continues"));
  }
  SECTION("a question's origin is per question only") {
    CHECK(rejected("[defaults]\ntitle = \"x\"\n").line == 2);
    CHECK(rejected("[defaults]\nafter = \"001-a\"\n").line == 2);
  }
  SECTION("bad origin values name the line") {
    CHECK(rejected("[question.\"001-a\"]\nsource_line = 0\n").line == 2);
    CHECK(rejected("[question.\"001-a\"]\n\nlanguage = \"cobol\"\n").line == 3);
    CHECK(rejected("[question.\"001-a\"]\nafter = \"\"\n").line == 2);
    CHECK(rejected("[question.\"001-a\"]\ntitle = 3\n").line == 2);
  }
  SECTION("a syntax error names the file and line") {
    Error error = rejected("[defaults]\ntimeout = 3\ncompare = \n");
    CHECK(error.file == "bank/snipcheck.toml");
    CHECK(error.line == 3);
    CHECK_FALSE(error.message.empty());
    CHECK_THAT(error.describe(), Catch::StartsWith("bank/snipcheck.toml:3: "));
  }
  SECTION("an unknown key names the file, line and key") {
    Error error = rejected("[defaults]\ntimeout = 3\n\ntimeuot = 4\n");
    CHECK(error.file == "bank/snipcheck.toml");
    CHECK(error.line == 4);
    CHECK_THAT(error.message, Catch::Contains("timeuot"));
  }
  SECTION("an unknown key in a question table") {
    Error error = rejected("[question.\"001-a\"]\ntimeout = 3\ncolour = \"red\"\n");
    CHECK(error.line == 3);
    CHECK_THAT(error.message, Catch::Contains("colour"));
  }
  SECTION("skip is only for questions") {
    Error error = rejected("[defaults]\nskip = \"everything\"\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("skip"));
  }
  SECTION("an empty skip reason") {
    Error error = rejected("[question.\"001-a\"]\n\nskip = \"\"\n");
    CHECK(error.line == 3);
  }
  SECTION("a bad compare mode") {
    Error error = rejected("[defaults]\ncompare = \"fuzzy\"\n");
    CHECK(error.file == "bank/snipcheck.toml");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("compare"));
  }
  SECTION("a compare mode that is not a string") {
    Error error = rejected("[defaults]\n\ncompare = 1\n");
    CHECK(error.line == 3);
  }
  SECTION("a negative or zero timeout") {
    Error negative = rejected("[defaults]\ntimeout = -1\n");
    CHECK(negative.file == "bank/snipcheck.toml");
    CHECK(negative.line == 2);
    CHECK_THAT(negative.message, Catch::Contains("timeout"));
    Error zero = rejected("[question.\"001-a\"]\ncompare = \"exact\"\ntimeout = 0\n");
    CHECK(zero.line == 3);
  }
  // TOML allows nan and inf as floats; neither can become a deadline (compare/execute.cpp turns the
  // timeout into milliseconds with std::llround, whose result is unspecified for both).
  SECTION("a timeout of nan is not a positive number of seconds") {
    Error error = rejected("[defaults]\ntimeout = nan\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("timeout"));
  }
  SECTION("a timeout of inf is not a usable number of seconds") {
    Error error = rejected("[question.\"001-a\"]\ntimeout = inf\n");
    CHECK(error.line == 2);
  }
  SECTION("a timeout that is not a number") {
    Error error = rejected("[defaults]\ntimeout = \"10\"\n");
    CHECK(error.line == 2);
  }
  SECTION("bad sizes") {
    CHECK(rejected("[defaults]\noutput_limit = \"1.5MiB\"\n").line == 2);
    CHECK(rejected("[defaults]\n\noutput_limit = \"lots\"\n").line == 3);
    CHECK(rejected("[defaults]\nmemory_limit = -5\n").line == 2);
    CHECK(rejected("[defaults]\nfile_size_limit = 0\n").line == 2);
    CHECK(rejected("[defaults]\nfile_size_limit = 1.5\n").line == 2);
    Error error = rejected("[defaults]\nmemory_limit = \"0MiB\"\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("memory_limit"));
  }
  // Every number has a range a question can run with, said in plain words (issue 9, items 9-10).
  SECTION("a timeout outside 0.001 to 86400 seconds") {
    for (const char* value : {"1e-9", "0.0005", "1e10", "1e300", "86401"}) {
      INFO(value);
      Error error = rejected(std::string("[defaults]\ntimeout = ") + value + "\n");
      CHECK(error.line == 2);
      CHECK(error.message == "timeout must be a number of seconds from 0.001 to 86400 (a day)");
    }
    auto edges = parse_settings("[defaults]\ntimeout = 0.001\n[question.\"001-a\"]\ntimeout = 86400\n", "s.toml");
    REQUIRE(edges.has_value());
    CHECK(edges->defaults.timeout_s == 0.001);
    CHECK(edges->for_question("001-a").timeout_s == 86400);
  }
  SECTION("sizes outside their ranges name the setting, the range and why") {
    Error memory = rejected("[defaults]\nmemory_limit = 1\n");
    CHECK(memory.line == 2);
    CHECK_THAT(memory.message, Catch::StartsWith("memory_limit must be a size from 64 MiB to 1024 GiB"));
    CHECK_THAT(memory.message, Catch::Contains("Python"));
    CHECK_THAT(rejected("[defaults]\nmemory_limit = \"63MiB\"\n").message, Catch::Contains("64 MiB"));
    CHECK_THAT(rejected("[defaults]\nmemory_limit = \"2000GiB\"\n").message, Catch::Contains("1024 GiB"));
    CHECK_THAT(rejected("[defaults]\noutput_limit = 100\n").message, Catch::Contains("from 1 KiB to 1 GiB"));
    CHECK_THAT(rejected("[defaults]\noutput_limit = \"2GiB\"\n").message, Catch::Contains("1 GiB"));
    CHECK_THAT(rejected("[defaults]\nfile_size_limit = 1\n").message, Catch::Contains("from 1 KiB"));
    CHECK_THAT(rejected("[defaults]\nmemory_limit = true\n").message, Catch::Contains("memory_limit"));
    auto edges = parse_settings("[defaults]\nmemory_limit = \"64MiB\"\noutput_limit = \"1KiB\"\n"
                                "file_size_limit = 1024\n", "s.toml");
    REQUIRE(edges.has_value());
    CHECK(edges->defaults.memory_limit == 64 * MiB);
  }
  SECTION("a source line that does not fit a line number") {
    Error error = rejected("[question.\"001-a\"]\nsource_line = 99999999999\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("source_line"));
  }
  SECTION("an unknown table") {
    Error error = rejected("[defaults]\ntimeout = 3\n\n[default]\ntimeout = 4\n");
    CHECK(error.file == "bank/snipcheck.toml");
    CHECK(error.line == 4);
    CHECK_THAT(error.message, Catch::Contains("default"));
  }
  SECTION("a top-level key outside any table") {
    Error error = rejected("# settings\ntimeout = 3\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("timeout"));
  }
  SECTION("defaults that are not a table") {
    Error error = rejected("\ndefaults = 3\n");
    CHECK(error.line == 2);
  }
  SECTION("a question entry that is not a table") {
    Error error = rejected("[question]\n\"001-a\" = 3\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("001-a"));
  }
}

TEST_CASE("SettingsFile::for_question", "[bank][settings]") {
  auto parsed = parse_settings("[defaults]\ntimeout = 4\n[question.\"002-b\"]\ntimeout = 1\n", "snipcheck.toml");
  REQUIRE(parsed.has_value());
  SECTION("a question with its own table gets the merged settings") {
    CHECK(parsed->for_question("002-b").timeout_s == 1.0);
  }
  SECTION("any other question gets the defaults") {
    CHECK(parsed->for_question("001-a").timeout_s == 4.0);
    CHECK(parsed->for_question("").timeout_s == 4.0);
  }
}

TEST_CASE("load_settings", "[bank][settings]") {
  TempDir dir("snipcheck-unit");
  SECTION("a missing file gives the built-in defaults") {
    auto loaded = load_settings(dir.path() / "snipcheck.toml");
    REQUIRE(loaded.has_value());
    CHECK(loaded->defaults.timeout_s == 10.0);
    CHECK(loaded->questions.empty());
  }
  SECTION("reads the file") {
    testing::write_tree(dir.path(), {{"snipcheck.toml", "[defaults]\ncompare = \"ellipsis\"\n"}});
    auto loaded = load_settings(dir.path() / "snipcheck.toml");
    REQUIRE(loaded.has_value());
    CHECK(loaded->defaults.compare == CompareMode::ellipsis);
  }
  SECTION("errors name the file's path and the line") {
    testing::write_tree(dir.path(), {{"snipcheck.toml", "[defaults]\n\n\ncompare = \"fuzzy\"\n"}});
    auto loaded = load_settings(dir.path() / "snipcheck.toml");
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().file == (dir.path() / "snipcheck.toml").string());
    CHECK(loaded.error().line == 4);
  }
}

TEST_CASE("parse_settings: the sandbox", "[bank][settings][sandbox]") {
  SECTION("off by default, with its limits") {
    auto parsed = parse_settings("", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK_FALSE(parsed->defaults.sandbox);
    CHECK_FALSE(parsed->defaults.sandbox_subprocess);
    CHECK(parsed->defaults.cpu_limit_s == 0);
    CHECK(parsed->defaults.process_limit == 64);
    CHECK(parsed->defaults.open_files_limit == 256);
  }
  SECTION("sandbox = true in [defaults], limits per question") {
    auto parsed = parse_settings("[defaults]\nsandbox = true\nsandbox_subprocess = true\nprocess_limit = 16\n"
                                 "[question.\"001-a\"]\ncpu_limit = 3\nopen_files_limit = 32\n",
                                 "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.sandbox);
    CHECK(parsed->defaults.sandbox_subprocess);
    CHECK(parsed->defaults.process_limit == 16);
    Settings question = parsed->for_question("001-a");
    CHECK(question.sandbox);
    CHECK(question.cpu_limit_s == 3);
    CHECK(question.open_files_limit == 32);
  }
  SECTION("errors name the file and the line") {
    Error error = rejected("[defaults]\n\nsandbox = \"yes\"\n");
    CHECK(error.file == "bank/snipcheck.toml");
    CHECK(error.line == 3);
    CHECK_THAT(error.message, Catch::Contains("sandbox must be true or false"));
    error = rejected("[defaults]\nprocess_limit = 0\n");
    CHECK(error.line == 2);
    CHECK_THAT(error.message, Catch::Contains("process_limit must be a whole number from 1 to 4096"));
    error = rejected("[defaults]\ncpu_limit = 1.5\n");
    CHECK_THAT(error.message, Catch::Contains("cpu_limit"));
    error = rejected("[defaults]\nsandbox_env = [\n  \"A\",\n  3,\n]\n");
    CHECK(error.line == 4);
    CHECK_THAT(error.message, Catch::Contains("sandbox_env must be a list of variable names"));
  }
  SECTION("the sandbox's counts have ranges a question can run with") {
    Error cpu = rejected("[defaults]\ncpu_limit = 9223372036854775807\n");
    CHECK(cpu.line == 2);
    CHECK(cpu.message == "cpu_limit must be a whole number from 1 to 86400 (CPU seconds, at most a day)");
    // Python opens about 14 descriptors before a sandboxed question's code runs.
    Error files = rejected("[defaults]\n\nopen_files_limit = 1\n");
    CHECK(files.line == 3);
    CHECK_THAT(files.message, Catch::StartsWith("open_files_limit must be a whole number from 32 to 4096"));
    CHECK_THAT(rejected("[defaults]\nprocess_limit = 100000000\n").message, Catch::Contains("1 to 4096"));
    auto edges = parse_settings("[defaults]\ncpu_limit = 86400\nopen_files_limit = 32\nprocess_limit = 4096\n", "s.toml");
    REQUIRE(edges.has_value());
    CHECK(edges->defaults.open_files_limit == 32);
  }
  SECTION("sandbox_env names the variables sandboxed code may see") {
    auto parsed = parse_settings("[defaults]\nsandbox_env = [\"DATA_DIR\", \"MODE\"]\n", "snipcheck.toml");
    REQUIRE(parsed.has_value());
    CHECK(parsed->defaults.sandbox_env == std::vector<std::string>{"DATA_DIR", "MODE"});
  }
}

// Found by tests/fuzz/settings_fuzz: toml++'s value<int64_t>() cast a float too large for an
// int64_t before checking it (undefined behaviour, reported by UBSan in the asan-ubsan preset).
TEST_CASE("parse_settings with floats where integers go", "[bank][settings]") {
  for (const char* key : {"memory_limit", "file_size_limit", "cpu_limit", "process_limit"}) {
    auto parsed = parse_settings(std::string("[defaults]\ncompare = \"exact\"\n") + key + " = 61e300\n", "snipcheck.toml");
    INFO(key);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().line == 3);
  }
}
