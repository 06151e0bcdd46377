#include "support/fake_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace snipcheck::testing {

Canned printing(std::vector<Printed> statements) {
  Canned canned;
  canned.statements = std::move(statements);
  return canned;
}

PythonError raised(const std::string& type, const std::string& message, int line) {
  PythonError error;
  error.type = type;
  error.message = message;
  error.line = line;
  error.traceback = "Traceback (most recent call last):\n  File \"snippet.py\", line " + std::to_string(line) +
                    ", in <module>\n" + type + ": " + message + "\n";
  return error;
}

ProbeResult evaluated(const std::string& value) {
  ProbeResult result;
  result.ok = true;
  result.str = value;
  result.repr = value;
  return result;
}

void FakeRunner::on(const std::string& id, std::vector<Canned> runs) { m_canned[id] = std::move(runs); }

Outcome FakeRunner::outcome_of(const Job& job, const RunControl& control) {
  Canned canned;
  if (auto found = m_canned.find(job.id); found != m_canned.end() && !found->second.empty()) {
    const std::size_t run = m_runs[job.id]++;
    canned = found->second[std::min(run, found->second.size() - 1)];
  }
  Outcome outcome;
  outcome.tier = "subinterpreter";
  outcome.worker_pid = 1;
  // Still running at its look (Job::look_ms): the caller may stop it there, as at a deadline.
  const std::string stack = k_main_thread_header + "\n" + canned.stack;
  const bool stopped_at_look = job.look_ms > 0 && canned.takes_ms > job.look_ms && job.look_ms < job.timeout_ms &&
                               control.stop_at_look && control.stop_at_look(stack);
  if (stopped_at_look || canned.takes_ms > job.timeout_ms) {
    outcome.ending = Ending::timeout;
    outcome.stack = stack;
    outcome.duration_ms = stopped_at_look ? job.look_ms : job.timeout_ms;
    return outcome;
  }
  outcome.duration_ms = canned.takes_ms;
  for (const Printed& printed : canned.statements) {
    StatementOutput statement;
    statement.line = printed.line;
    statement.end_line = printed.end_line > 0 ? printed.end_line : printed.line;
    statement.stdout_begin = outcome.stdout_text.size();
    outcome.stdout_text += printed.text;
    statement.stdout_end = outcome.stdout_text.size();
    outcome.statements.push_back(statement);
  }
  outcome.stdout_bytes = outcome.stdout_text.size();
  outcome.error = canned.error;
  outcome.exit_status = canned.error ? 1 : 0;
  for (const ProbeRequest& probe : job.probes) {
    auto found = canned.probes.find(probe.source);
    outcome.probes.push_back(found == canned.probes.end() ? std::nullopt : std::optional<ProbeResult>(found->second));
  }
  for (const std::string& file : canned.files) {
    std::filesystem::path path = std::filesystem::path(job.cwd) / file;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << "hi\n";
  }
  return outcome;
}

void FakeRunner::run_jobs(const std::vector<Job>& jobs, const RunControl& control,
                          const OutcomeCallback& on_outcome) {
  m_calls.push_back(jobs);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Outcome outcome = outcome_of(jobs[i], control);
    if (on_outcome) on_outcome(i, std::move(outcome));
    if (control.stop_starting && control.stop_starting()) return;
  }
}

std::vector<std::string> FakeRunner::ids(std::size_t call) const {
  std::vector<std::string> ids;
  if (call >= m_calls.size()) return ids;
  for (const Job& job : m_calls[call]) ids.push_back(job.id);
  return ids;
}

const Job* FakeRunner::job(std::size_t call, const std::string& id) const {
  if (call >= m_calls.size()) return nullptr;
  for (const Job& job : m_calls[call]) {
    if (job.id == id) return &job;
  }
  return nullptr;
}

int FakeRunner::times_run(const std::string& id) const {
  int times = 0;
  for (std::size_t call = 0; call < m_calls.size(); ++call) times += job(call, id) != nullptr ? 1 : 0;
  return times;
}

}  // namespace snipcheck::testing
