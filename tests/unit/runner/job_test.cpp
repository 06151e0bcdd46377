#include "runner/job.hpp"

#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace snipcheck;
using nlohmann::json;

TEST_CASE("Job to_json and from_json", "[runner][job]") {
  Job job;
  job.id = "007-generators";
  job.path = "/bank/snippets/007-generators.py";
  job.code = "print('h\xc3\xa9')\n";
  job.cwd = "/tmp/run/007-generators";
  job.timeout_ms = 2500;
  job.output_limit = 4096;
  job.memory_limit = 1ULL << 33;
  job.file_size_limit = 123;
  job.isolation = "process";
  job.process_modules = {"mylib", "other"};

  SECTION("round trip") {
    Job back = json(job).get<Job>();
    CHECK(back.id == job.id);
    CHECK(back.path == job.path);
    CHECK(back.code == job.code);
    CHECK(back.cwd == job.cwd);
    CHECK(back.timeout_ms == 2500);
    CHECK(back.output_limit == 4096);
    CHECK(back.memory_limit == (1ULL << 33));
    CHECK(back.file_size_limit == 123);
    CHECK(back.isolation == "process");
    CHECK(back.process_modules == std::vector<std::string>{"mylib", "other"});
  }
  SECTION("the field names") {
    json out = job;
    for (const char* key : {"id", "path", "code", "cwd", "timeout_ms", "output_limit", "memory_limit",
                            "file_size_limit"}) {
      INFO(key);
      CHECK(out.contains(key));
    }
  }
  SECTION("isolation and process_modules may be absent") {
    json out = job;
    out.erase("isolation");
    out.erase("process_modules");
    Job back = out.get<Job>();
    CHECK(back.isolation == "auto");
    CHECK(back.process_modules.empty());
  }
  SECTION("the mode travels; a job without one is a script") {
    job.mode = "repl";
    CHECK(json(job).get<Job>().mode == "repl");
    json out = job;
    out.erase("mode");
    CHECK(out.get<Job>().mode == "script");
  }
  SECTION("a required field missing throws") {
    json out = job;
    out.erase("cwd");
    CHECK_THROWS(out.get<Job>());
  }
}

TEST_CASE("PythonError to_json and from_json", "[runner][job]") {
  SECTION("round trip") {
    PythonError error{"ModuleNotFoundError", "No module named 'numpy'", "Traceback...\n", 3, "numpy", false, 0};
    PythonError back = json(error).get<PythonError>();
    CHECK(back.type == "ModuleNotFoundError");
    CHECK(back.message == "No module named 'numpy'");
    CHECK(back.traceback == "Traceback...\n");
    CHECK(back.line == 3);
    CHECK(back.module == "numpy");
    CHECK_FALSE(back.module_installed);
    CHECK(back.errno_value == 0);
  }
  SECTION("errno travels as \"errno\"") {
    PythonError error;
    error.type = "OSError";
    error.errno_value = 27;
    json out = error;
    CHECK(out["errno"] == 27);
    CHECK(out.get<PythonError>().errno_value == 27);
  }
  SECTION("missing fields take their defaults") {
    PythonError back = json::parse(R"({"type": "ValueError"})").get<PythonError>();
    CHECK(back.type == "ValueError");
    CHECK(back.message.empty());
    CHECK(back.line == 0);
    CHECK(back.module_installed);
    CHECK(back.errno_value == 0);
  }
}

TEST_CASE("StatementOutput to_json and from_json", "[runner][job]") {
  SECTION("byte ranges as [begin, end] pairs") {
    StatementOutput statement{2, 4, 6, 10, 0, 3};
    json out = statement;
    CHECK(out == json::parse(R"({"line": 2, "end_line": 4, "stdout": [6, 10], "stderr": [0, 3]})"));
    StatementOutput back = out.get<StatementOutput>();
    CHECK(back.line == 2);
    CHECK(back.end_line == 4);
    CHECK(back.stdout_begin == 6);
    CHECK(back.stdout_end == 10);
    CHECK(back.stderr_begin == 0);
    CHECK(back.stderr_end == 3);
  }
  SECTION("a transcript prompt's exception travels with it; a statement without one has none") {
    StatementOutput prompt{2, 2, 0, 0, 0, 40};
    prompt.error = PythonError{"KeyError", "'k'", "Traceback …", 2, "", true, 0};
    json out = prompt;
    CHECK(out["error"]["type"] == "KeyError");
    StatementOutput back = out.get<StatementOutput>();
    REQUIRE(back.error.has_value());
    CHECK(back.error->message == "'k'");
    CHECK(back.error->line == 2);
    CHECK_FALSE(json(StatementOutput{1, 1, 0, 0, 0, 0}).contains("error"));
    CHECK_FALSE(json(StatementOutput{1, 1, 0, 0, 0, 0}).get<StatementOutput>().error.has_value());
  }
  SECTION("a malformed range throws") {
    CHECK_THROWS(json::parse(R"({"line": 1, "end_line": 1, "stdout": [0], "stderr": [0, 0]})").get<StatementOutput>());
  }
}

TEST_CASE("Job to_json and from_json: the sandbox", "[runner][job][sandbox]") {
  Job job;
  job.id = "001-a";
  job.sandbox = true;
  job.sandbox_allow_weaker = true;
  job.sandbox_exec = true;
  job.cpu_limit_s = 3;
  job.process_limit = 16;
  job.open_files_limit = 32;
  job.sandbox_env = {"DATA_DIR"};
  SECTION("round trip") {
    Job back = json(job).get<Job>();
    CHECK(back.sandbox);
    CHECK(back.sandbox_allow_weaker);
    CHECK(back.sandbox_exec);
    CHECK(back.cpu_limit_s == 3);
    CHECK(back.process_limit == 16);
    CHECK(back.open_files_limit == 32);
    CHECK(back.sandbox_env == std::vector<std::string>{"DATA_DIR"});
  }
  SECTION("absent fields mean no sandbox") {
    json out = job;
    for (const char* key : {"sandbox", "sandbox_allow_weaker", "sandbox_exec", "cpu_limit_s", "process_limit",
                            "open_files_limit"}) {
      out.erase(key);
    }
    Job back = out.get<Job>();
    CHECK_FALSE(back.sandbox);
    CHECK(back.process_limit == 64);
  }
}

TEST_CASE("SandboxReport to_json and from_json", "[runner][job][sandbox]") {
  SandboxReport report;
  report.protections = {{"filesystem", true, "Landlock ABI 7"}, {"network", false, "blocked"}};
  report.error = "";
  SandboxReport back = json(report).get<SandboxReport>();
  REQUIRE(back.protections.size() == 2);
  CHECK(back.protections[0].name == "filesystem");
  CHECK(back.protections[0].active);
  CHECK(back.protections[1].detail == "blocked");
  CHECK_FALSE(back.complete());
}

TEST_CASE("Job probes and their results travel as data", "[runner][job][probes]") {
  SECTION("a job's probes round trip with line, mode and source; absent, none") {
    Job job;
    job.id = "001-x";
    job.probes = {{ProbeRequest::Mode::eval, "a is b", 3}, {ProbeRequest::Mode::exec, "t[0] = 1", 0}};
    json out = job;
    CHECK(out["probes"][0] == json{{"mode", "eval"}, {"source", "a is b"}, {"line", 3}});
    Job back = out.get<Job>();
    REQUIRE(back.probes.size() == 2);
    CHECK(back.probes[0].mode == ProbeRequest::Mode::eval);
    CHECK(back.probes[0].source == "a is b");
    CHECK(back.probes[0].line == 3);
    CHECK(back.probes[1].mode == ProbeRequest::Mode::exec);
    CHECK(back.probes[1].line == 0);
    out.erase("probes");
    CHECK(out.get<Job>().probes.empty());
  }
  SECTION("results: null for a probe that never ran, in request order") {
    std::vector<std::optional<ProbeResult>> results = {ProbeResult{true, "[1]", "[1]", "", "hi\n"}, std::nullopt,
                                                       ProbeResult{false, "", "", "NameError: name 'z' is not defined", ""}};
    json out = probe_results_to_json(results);
    CHECK(out[1].is_null());
    auto back = probe_results_from_json(out);
    REQUIRE(back.size() == 3);
    REQUIRE(back[0]);
    CHECK((back[0]->ok && back[0]->str == "[1]" && back[0]->repr == "[1]" && back[0]->output == "hi\n"));
    CHECK_FALSE(back[1]);
    REQUIRE(back[2]);
    CHECK_FALSE(back[2]->ok);
    CHECK(back[2]->error == "NameError: name 'z' is not defined");
  }
  SECTION("results that are not an array are none; malformed fields are empty") {
    CHECK(probe_results_from_json(json("x")).empty());
    auto back = probe_results_from_json(json::array({json{{"ok", "yes"}, {"str", 3}}}));
    REQUIRE(back.size() == 1);
    REQUIRE(back[0]);
    CHECK_FALSE(back[0]->ok);
    CHECK(back[0]->str.empty());
  }
}

TEST_CASE("Job: an input case's stdin crosses the protocol, absent when there is none", "[runner][job]") {
  Job job;
  job.id = "001-sum[small]";
  CHECK_FALSE(json(job).contains("stdin"));
  CHECK_FALSE(json(job).get<Job>().stdin_text.has_value());
  job.stdin_text = std::string("1 2\n\0tail", 10);
  json out = job;
  CHECK(out["stdin"] == *job.stdin_text);
  CHECK(out.get<Job>().stdin_text == job.stdin_text);
  job.stdin_text = "";
  CHECK(json(job).get<Job>().stdin_text == std::string());
}
