// Unit tests for src/cli/sandbox_gate.cpp: the gate before a sandboxed run.
#include "cli/sandbox_gate.hpp"

#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

using namespace snipcheck;

namespace {

Question question(bool sandboxed) {
  Question q;
  q.id = "001-a";
  q.settings.sandbox = sandboxed;
  return q;
}

// Sets SNIPCHECK_SANDBOX_SKIP for one scope.
class SkipMechanisms {
 public:
  explicit SkipMechanisms(const char* list) { ::setenv("SNIPCHECK_SANDBOX_SKIP", list, 1); }
  ~SkipMechanisms() { ::unsetenv("SNIPCHECK_SANDBOX_SKIP"); }
  SkipMechanisms(const SkipMechanisms&) = delete;
  SkipMechanisms& operator=(const SkipMechanisms&) = delete;
};

}  // namespace

TEST_CASE("sandbox_gate", "[cli][sandbox]") {
  SECTION("no sandboxed question: no probe, nothing to refuse") {
    auto gate = sandbox_gate({question(false)}, WeakerSandbox::refuse);
    REQUIRE(gate.has_value());
    CHECK_FALSE(gate->has_value());
  }
  SECTION("a sandboxed question gets the probe's report") {
    auto gate = sandbox_gate({question(false), question(true)}, WeakerSandbox::refuse);
    // Here every protection works; on a machine where one does not, the gate refuses instead.
    if (!gate) {
      WARN("sandbox incomplete on this machine: " << gate.error().message);
      return;
    }
    REQUIRE(gate->has_value());
    CHECK((*gate)->complete());
  }
  SECTION("a missing protection is refused, unless a weaker sandbox is allowed") {
    SkipMechanisms skip("seccomp");
    auto refused = sandbox_gate({question(true)}, WeakerSandbox::refuse);
    REQUIRE_FALSE(refused.has_value());
    CHECK_THAT(refused.error().message, Catch::Contains("--allow-weaker-sandbox"));
    auto allowed = sandbox_gate({question(true)}, WeakerSandbox::allow);
    REQUIRE(allowed.has_value());
    REQUIRE(allowed->has_value());
    CHECK_FALSE((*allowed)->complete());
    CHECK((*allowed)->missing().front().starts_with("syscalls: seccomp left out"));
  }
  SECTION("an open_files_limit above the hard limit is refused before the probe, naming it") {
    rlimit files{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &files) == 0);
    if (files.rlim_max == RLIM_INFINITY) {
      WARN("no hard limit on open files here: skipped");
      return;
    }
    Question above = question(true);
    above.settings.open_files_limit = files.rlim_max + 1;
    auto refused = sandbox_gate({question(false), above}, WeakerSandbox::allow);
    REQUIRE_FALSE(refused.has_value());
    CHECK_THAT(refused.error().message, Catch::StartsWith("open_files_limit = " + std::to_string(files.rlim_max + 1)));
    CHECK_THAT(refused.error().message, Catch::Contains("001-a") && Catch::Contains("ulimit -Hn"));
  }
}
