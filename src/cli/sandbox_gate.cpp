#include "cli/sandbox_gate.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "runner/job.hpp"

namespace snipcheck {

int doctor_command(const DoctorOptions& options) {
  SandboxReport report = probe_sandbox();
  if (options.json) {
    nlohmann::json out = report;
    out["complete"] = report.complete();
    out["missing"] = report.missing();
    std::cout << out.dump(2) << "\n";
    return report.complete() ? 0 : 1;
  }
  std::cout << "sandbox for untrusted code (snipcheck check; run/audit --sandbox):\n";
  for (const Protection& protection : report.protections) {
    std::cout << "  " << (protection.active ? "active " : "MISSING") << "  " << protection.name << ": "
              << protection.detail << "\n";
  }
  if (!report.error.empty()) std::cout << "  ERROR    " << report.error << "\n";
  if (report.complete()) {
    std::cout << "every protection is active: `snipcheck check` runs here.\n";
    return 0;
  }
  std::cout << "protections are missing: `snipcheck check` refuses to run here unless given "
               "--allow-weaker-sandbox.\n";
  return 1;
}

namespace {

// A sandboxed question's open_files_limit above this process's hard limit could not be set in
// the child, which would then refuse to run the code (exit 3): the machine's limit, told first.
Expected<void> check_hard_limits(const std::vector<Question>& questions) {
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_max == RLIM_INFINITY) return {};
  for (const Question& question : questions) {
    if (!question.settings.sandbox || question.settings.open_files_limit <= files.rlim_max) continue;
    return fail("", 0, "open_files_limit = " + std::to_string(question.settings.open_files_limit) + " (question " +
                           question.id + ") is above this machine's hard limit on open files, " +
                           std::to_string(files.rlim_max) + " (`ulimit -Hn`): lower it in snipcheck.toml");
  }
  return {};
}

}  // namespace

Expected<std::optional<SandboxReport>> sandbox_gate(const std::vector<Question>& questions, WeakerSandbox weaker) {
  const bool needed = std::any_of(questions.begin(), questions.end(), [](const Question& q) { return q.settings.sandbox; });
  if (!needed) return std::optional<SandboxReport>{};
  if (auto limits = check_hard_limits(questions); !limits) return tl::unexpected(limits.error());
  SandboxReport report = probe_sandbox();
  if (report.complete()) return std::optional<SandboxReport>{report};
  for (const std::string& line : report.missing()) {
    std::cerr << "snipcheck: WARNING: sandbox protection missing: " << line << "\n";
  }
  if (weaker == WeakerSandbox::allow) {
    std::cerr << "snipcheck: WARNING: running untrusted code in a WEAKER sandbox (--allow-weaker-sandbox); "
                 "the JSON report lists what was missing\n";
    return std::optional<SandboxReport>{report};
  }
  return fail("", 0, "the sandbox for untrusted code is incomplete on this machine (see above and `snipcheck "
                     "doctor`); refusing to run. Pass --allow-weaker-sandbox to run anyway with what is available");
}

}  // namespace snipcheck
