#include "runner/supervisor.hpp"

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"
#include "util/error.hpp"

using namespace snipcheck;
namespace fs = std::filesystem;

namespace {

// Jobs for snippets written into one scratch folder, each with its own empty working directory.
class JobSet {
 public:
  JobSet() : m_dir("snipcheck-unit-supervisor") {}

  Job& add(const std::string& id, const std::string& code) {
    const fs::path snippet = m_dir.path() / "snippets" / (id + ".py");
    testing::write_tree(m_dir.path(), {{"snippets/" + id + ".py", code}});
    const fs::path cwd = m_dir.path() / "cwd" / id;
    fs::create_directories(cwd);
    Job job;
    job.id = id;
    job.path = snippet.string();
    job.code = code;
    job.cwd = cwd.string();
    job.timeout_ms = 20000;
    m_jobs.push_back(job);
    return m_jobs.back();
  }

  const std::vector<Job>& jobs() const { return m_jobs; }

 private:
  TempDir m_dir;
  std::vector<Job> m_jobs;
};

SupervisorOptions options(int workers) {
  SupervisorOptions result;
  result.workers = workers;
  result.executable = SNIPCHECK_EXE;
  return result;
}

// The message of the Fatal that running `jobs` throws ("" when none is thrown).
std::string fatal_message(Supervisor& supervisor, const std::vector<Job>& jobs) {
  try {
    supervisor.run(jobs);
  } catch (const Fatal& fatal) {
    return fatal.message;
  }
  return {};
}

std::string describe(const Outcome& outcome) {
  return "ending=" + std::to_string(static_cast<int>(outcome.ending)) + " stdout=[" + outcome.stdout_text +
         "] stderr=[" + outcome.stderr_text + "] internal=[" + outcome.internal_error + "] taint=[" + outcome.taint +
         "]";
}

}  // namespace

TEST_CASE("Supervisor::run", "[runner][supervisor]") {
  JobSet set;

  SECTION("no jobs: no outcomes") {
    Supervisor supervisor(options(2));
    CHECK(supervisor.run({}).empty());
  }
  SECTION("one worker runs every job, in order, and is reused") {
    for (int i = 1; i <= 4; ++i) {
      set.add("00" + std::to_string(i) + "-job", "print('job', " + std::to_string(i) + ")\n");
    }
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 4);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      INFO("job " << i << ": " << describe(outcomes[i]));
      CHECK(outcomes[i].ending == Ending::finished);
      CHECK(outcomes[i].stdout_text == "job " + std::to_string(i + 1) + "\n");
      CHECK(outcomes[i].exit_status == 0);
      CHECK_FALSE(outcomes[i].error.has_value());
      CHECK(outcomes[i].statements.size() == 1);
      CHECK(outcomes[i].worker_pid > 0);
      CHECK(outcomes[i].worker_pid == outcomes[0].worker_pid);
      CHECK(outcomes[i].taint.empty());
    }
  }
  SECTION("two workers: outcomes in job order, each reported once to the callback") {
    for (int i = 1; i <= 6; ++i) {
      // Earlier jobs are slower, so they tend to finish after later ones.
      set.add("00" + std::to_string(i) + "-job",
              "import time\ntime.sleep(" + std::to_string(0.05 * (7 - i)) + ")\nprint(" + std::to_string(i) + ")\n");
    }
    Supervisor supervisor(options(2));
    std::mutex mutex;
    std::vector<std::size_t> reported;
    std::vector<Outcome> outcomes = supervisor.run(set.jobs(), [&](std::size_t index, const Outcome& outcome) {
      std::lock_guard lock(mutex);
      reported.push_back(index);
      CHECK(outcome.stdout_text == std::to_string(index + 1) + "\n");
    });
    REQUIRE(outcomes.size() == 6);
    std::set<int> pids;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      INFO("job " << i << ": " << describe(outcomes[i]));
      CHECK(outcomes[i].ending == Ending::finished);
      CHECK(outcomes[i].stdout_text == std::to_string(i + 1) + "\n");
      pids.insert(outcomes[i].worker_pid);
    }
    CHECK(pids.size() == 2);
    CHECK(std::set<std::size_t>(reported.begin(), reported.end()).size() == 6);
    CHECK(reported.size() == 6);
  }
  SECTION("an exception and stderr are reported; the worker carries on") {
    set.add("001-boom", "import sys\nprint('out')\nprint('err', file=sys.stderr)\n1 / 0\n");
    set.add("002-after", "print('fine')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::finished);
    CHECK(outcomes[0].stdout_text == "out\n");
    CHECK_THAT(outcomes[0].stderr_text, Catch::StartsWith("err\n"));
    CHECK_THAT(outcomes[0].stderr_text, Catch::Contains("ZeroDivisionError"));
    REQUIRE(outcomes[0].error.has_value());
    CHECK(outcomes[0].error->type == "ZeroDivisionError");
    CHECK(outcomes[0].error->line == 4);
    CHECK(outcomes[0].exit_status == 1);
    CHECK(outcomes[1].stdout_text == "fine\n");
    CHECK(outcomes[1].stderr_text.empty());
    CHECK(outcomes[1].worker_pid == outcomes[0].worker_pid);
  }
  SECTION("a job runs in its own working directory") {
    Job& job = set.add("001-cwd", "import os\nprint(os.getcwd())\nprint(os.listdir('.'))\n");
    const std::string cwd = job.cwd;
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].stdout_text == cwd + "\n[]\n");
  }
  SECTION("a job past its timeout ends in a timeout with the stack; the next job still runs") {
    Job& spin = set.add("001-spin", "x = 0\nwhile True:\n    x += 1\n");
    spin.timeout_ms = 500;
    const std::string spin_path = spin.path;
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::timeout);
    CHECK_THAT(outcomes[0].stack, Catch::Contains(spin_path));
    CHECK_THAT(outcomes[0].stack, Catch::Contains("line 3") || Catch::Contains("line 2"));
    CHECK_FALSE(outcomes[0].exit_status.has_value());
    INFO(describe(outcomes[1]));
    CHECK(outcomes[1].ending == Ending::finished);
    CHECK(outcomes[1].stdout_text == "after\n");
    CHECK(outcomes[1].worker_pid != outcomes[0].worker_pid);
  }
  SECTION("a crash (os.abort) ends in Ending::crashed with signal 6; the next job still runs") {
    set.add("001-abort", "import os\nprint('before', flush=True)\nos.abort()\n");
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::crashed);
    CHECK(outcomes[0].signal == 6);
    CHECK(outcomes[0].stdout_text == "before\n");
    INFO(describe(outcomes[1]));
    CHECK(outcomes[1].ending == Ending::finished);
    CHECK(outcomes[1].stdout_text == "after\n");
  }
  SECTION("os._exit ends in Ending::crashed with its exit status") {
    set.add("001-exit", "import os\nos._exit(7)\n");
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::crashed);
    CHECK_FALSE(outcomes[0].signal.has_value());
    CHECK(outcomes[0].exit_status == 7);
    CHECK(outcomes[1].stdout_text == "after\n");
  }
  SECTION("output past the limit is cut, and the job is stopped or marked truncated") {
    Job& flood = set.add("001-flood", "for i in range(2000):\n    print('x' * 99)\n");
    flood.output_limit = 4096;
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]).substr(0, 300));
    CHECK((outcomes[0].ending == Ending::output_limit || outcomes[0].stdout_truncated));
    CHECK(outcomes[0].stdout_text.size() <= 4096);
    CHECK(outcomes[1].stdout_text == "after\n");
  }
  SECTION("a worker whose state the snippet changed is replaced") {
    set.add("001-chdir", "import os\nos.chdir('/')\n");
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::finished);
    CHECK_THAT(outcomes[0].taint, Catch::Contains("working directory"));
    CHECK(outcomes[1].stdout_text == "after\n");
    CHECK(outcomes[1].taint.empty());
    CHECK(outcomes[1].worker_pid != outcomes[0].worker_pid);
  }
  SECTION("each outcome says which tier ran it") {
    set.add("001-plain", "print('plain')\n");
    set.add("002-fork", "import os\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nos.waitpid(pid, 0)\nprint('forked')\n");
    Job& forced = set.add("003-forced", "print('forced')\n");
    forced.isolation = "process";
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 3);
    INFO(describe(outcomes[1]));
    CHECK(outcomes[0].tier == "subinterpreter");
    CHECK(outcomes[0].stdout_text == "plain\n");
    CHECK(outcomes[1].tier == "process");
    CHECK_THAT(outcomes[1].tier_reason, Catch::Contains("fork"));
    CHECK(outcomes[1].stdout_text == "forked\n");
    CHECK(outcomes[1].ending == Ending::finished);
    CHECK(outcomes[2].tier == "process");
    CHECK(outcomes[2].stdout_text == "forced\n");
  }
  SECTION("a crash in the process tier kills the child, not the worker") {
    Job& abort = set.add("001-abort", "import os\nprint('before', flush=True)\nos.abort()\n");
    abort.isolation = "process";
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::crashed);
    CHECK(outcomes[0].signal == 6);
    CHECK_THAT(outcomes[0].stdout_text, Catch::StartsWith("before\n"));
    CHECK(outcomes[1].stdout_text == "after\n");
    CHECK(outcomes[1].worker_pid == outcomes[0].worker_pid);
  }
  SECTION("a timeout in the process tier has the child's stack") {
    Job& spin = set.add("001-spin", "import os\nx = 0\nwhile True:\n    x += 1\n");
    spin.isolation = "process";
    spin.timeout_ms = 500;
    const std::string spin_path = spin.path;
    set.add("002-after", "print('after')\n");
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 2);
    INFO(describe(outcomes[0]));
    CHECK(outcomes[0].ending == Ending::timeout);
    CHECK_THAT(outcomes[0].stack, Catch::Contains(spin_path));
    CHECK(outcomes[1].stdout_text == "after\n");
  }
  SECTION("a program that cannot be started as a worker is fatal") {
    set.add("001-never", "print('never')\n");
    SupervisorOptions bad = options(1);
    bad.executable = "/nonexistent/snipcheck";
    Supervisor supervisor(bad);
    CHECK_THROWS_AS(supervisor.run(set.jobs()), Fatal);
  }
  SECTION("a worker that cannot be executed: the error names the program and why (issue 9)") {
    set.add("001-never", "print('never')\n");
    TempDir dir("snipcheck-unit-noexec");
    const fs::path program = dir.path() / "snipcheck";
    fs::copy_file(SNIPCHECK_EXE, program);
    fs::permissions(program, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    SupervisorOptions bad = options(1);
    bad.executable = program.string();
    Supervisor supervisor(bad);
    const std::string message = fatal_message(supervisor, set.jobs());
    CHECK_THAT(message, Catch::Contains(program.string()) && Catch::Contains("Permission denied") &&
                            !Catch::Contains("python3"));
  }
  SECTION("a worker that exits before it is ready: the error says how it ended") {
    set.add("001-never", "print('never')\n");
    SupervisorOptions bad = options(1);
    bad.executable = "/bin/false";
    Supervisor supervisor(bad);
    CHECK_THAT(fatal_message(supervisor, set.jobs()), Catch::Contains("exited with status 1"));
  }
  SECTION("frames a snippet forges on the control socket end its own job only (issue 9)") {
    const std::string forge =
        "import json, os, struct\n"
        "body = json.dumps({'type': 'result', 'crash_signal': 11}).encode()\n"
        "frame = struct.pack('<I', len(body)) + body\n"
        "try:\n"
        "    os.write(3, frame + frame)\n"
        "    print('forged')\n"
        "except OSError as error:\n"
        "    print('no control socket:', error.strerror)\n";
    Job& in_worker = set.add("001-forge-subinterpreter", forge);
    in_worker.isolation = "subinterpreter";
    set.add("002-honest", "print('honest', 2)\n");
    set.add("003-honest", "print('honest', 3)\n");
    Job& in_child = set.add("004-forge-process", forge);
    in_child.isolation = "process";
    set.add("005-honest", "print('honest', 5)\n");
    Job& ready = set.add("006-forge-ready",
                         "import os\nos.write(3, b'\\x10\\x00\\x00\\x00{\"type\":\"ready\"}')\nprint('ready?')\n");
    ready.isolation = "subinterpreter";
    set.add("007-honest", "print('honest', 7)\n");
    Job& huge = set.add("008-forge-huge-frame", "import os\nos.write(3, b'\\xff\\xff\\xff\\xff')\nprint('huge?')\n");
    huge.isolation = "subinterpreter";
    set.add("009-honest", "print('honest', 9)\n");
    Job& held = set.add("010-process-fds",
                        "import os\nheld = []\nfor fd in (3, 4):\n    try:\n        os.fstat(fd)\n"
                        "        held.append(fd)\n    except OSError:\n        pass\nprint('held', held)\n");
    held.isolation = "process";
    Supervisor supervisor(options(1));
    std::vector<Outcome> outcomes = supervisor.run(set.jobs());
    REQUIRE(outcomes.size() == 10);
    // Neither the worker's control socket (3) nor its log (4) reaches a process-tier child.
    CHECK(outcomes[9].stdout_text == "held []\n");
    for (std::size_t i : {0U, 5U, 7U}) {
      INFO(describe(outcomes[i]));
      CHECK(outcomes[i].ending == Ending::crashed);
      CHECK_FALSE(outcomes[i].signal.has_value());
      CHECK_THAT(outcomes[i].crash_reason, Catch::Contains("control channel"));
    }
    // The process tier's child never had the worker's socket.
    INFO(describe(outcomes[3]));
    CHECK(outcomes[3].ending == Ending::finished);
    CHECK(outcomes[3].stdout_text == "no control socket: Bad file descriptor\n");
    for (std::size_t i : {1U, 2U, 4U, 6U, 8U}) {
      INFO(describe(outcomes[i]));
      CHECK(outcomes[i].ending == Ending::finished);
      CHECK(outcomes[i].stdout_text == "honest " + std::to_string(i + 1) + "\n");
    }
    CHECK(outcomes[1].worker_pid != outcomes[0].worker_pid);
  }
}

TEST_CASE("current_executable", "[runner][supervisor]") {
  SECTION("the running test program") {
    std::string path = current_executable();
    CHECK(fs::path(path).is_absolute());
    CHECK(fs::path(path).filename() == "unit_tests");
    CHECK(fs::exists(path));
  }
}

TEST_CASE("Supervisor::run stops starting jobs when stop_starting says so", "[runner][supervisor]") {
  JobSet set;
  for (int i = 1; i <= 5; ++i) set.add("00" + std::to_string(i) + "-job", "print(" + std::to_string(i) + ")\n");
  SupervisorOptions stopping = options(1);
  std::vector<std::size_t> called;
  stopping.stop_starting = [&] { return called.size() >= 2; };
  Supervisor supervisor(stopping);
  supervisor.run(set.jobs(), [&](std::size_t index, Outcome&& outcome) {
    INFO(describe(outcome));
    CHECK(outcome.stdout_text == std::to_string(index + 1) + "\n");
    called.push_back(index);
  });
  // One worker: the two first jobs ran, in order; the three others were never started.
  CHECK(called == std::vector<std::size_t>{0, 1});
}

TEST_CASE("Supervisor::run looks at a job's stack at its look_ms", "[runner][supervisor]") {
  JobSet set;
  SupervisorOptions looking = options(1);
  std::vector<std::string> looked;
  // Stops a job whose stack shows the function `forever`; any other goes on.
  looking.stop_at_look = [&](const std::string& stack) {
    looked.push_back(stack);
    return stack.find("forever") != std::string::npos;
  };
  for (const std::string isolation : {"subinterpreter", "process"}) {
    SECTION("a job the look stops ends in a timeout with that stack, long before its deadline (" + isolation + ")") {
      Job& spin = set.add("001-spin", "import time\ndef forever():\n    while True:\n        time.sleep(0.01)\nforever()\n");
      spin.isolation = isolation;
      spin.look_ms = 300;
      const std::string spin_path = spin.path;
      set.add("002-after", "print('after')\n");
      Supervisor supervisor(looking);
      std::vector<Outcome> outcomes = supervisor.run(set.jobs());
      REQUIRE(outcomes.size() == 2);
      INFO(describe(outcomes[0]));
      CHECK(outcomes[0].ending == Ending::timeout);
      CHECK_THAT(outcomes[0].stack, Catch::Contains(spin_path) && Catch::Contains("forever"));
      CHECK(outcomes[0].duration_ms < 10000);  // its deadline is 20 s away
      CHECK(looked.size() == 1);
      CHECK(outcomes[1].stdout_text == "after\n");
    }
    SECTION("a job the look lets go on runs to its end, its output whole (" + isolation + ")") {
      Job& slow = set.add("001-slow", "import time\nprint('before')\ntime.sleep(0.6)\nprint('after')\n");
      slow.isolation = isolation;
      slow.look_ms = 200;
      Supervisor supervisor(looking);
      std::vector<Outcome> outcomes = supervisor.run(set.jobs());
      REQUIRE(outcomes.size() == 1);
      INFO(describe(outcomes[0]));
      CHECK(outcomes[0].ending == Ending::finished);
      CHECK(outcomes[0].stdout_text == "before\nafter\n");
      REQUIRE(looked.size() == 1);
      CHECK_THAT(looked[0], Catch::Contains("line 3"));
    }
  }
  SECTION("a job that ends before its look is never looked at") {
    Job& quick = set.add("001-quick", "print(1)\n");
    quick.look_ms = 5000;
    Supervisor supervisor(looking);
    CHECK(supervisor.run(set.jobs())[0].stdout_text == "1\n");
    CHECK(looked.empty());
  }
}
