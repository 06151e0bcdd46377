#include "runner/supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "runner/capture.hpp"
#include "runner/process_state.hpp"
#include "runner/protocol.hpp"
#include "runner/worker.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/text.hpp"

namespace snipcheck {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int k_max_failed_starts = 3;

struct Worker {
  pid_t pid = -1;            // the process we started: the worker's keeper (worker.hpp)
  pid_t inner_pid = 0;       // the worker itself, from its "ready" message
  int control = -1;          // our end of the socket
  int stdout_pipe = -1;      // read ends of the pipes the worker has as fds 1 and 2
  int stderr_pipe = -1;
  CaptureStream stdout_capture;
  CaptureStream stderr_capture;
  bool stop_asked = false;   // told the worker its job's output is over the cap
  MessageReader reader;
  bool ready = false;
  std::optional<std::size_t> job;  // index of the job it runs
  std::string token;               // that job's: the worker's result must carry it
  Clock::time_point started{};
  Clock::time_point hard_deadline{};
};

// "exited with status 1", "was killed by SIGSEGV": how a worker ended, for messages.
std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* name = sigabbrev_np(WTERMSIG(status));
    return std::string("was killed by ") + (name ? std::string("SIG") + name : "signal " + std::to_string(WTERMSIG(status)));
  }
  return "ended with wait status " + std::to_string(status);
}

// A capture pipe: our end non-blocking, the worker's end as large as the system lets us make
// it (fewer wake-ups for a snippet that prints a lot).
void make_capture_pipe(int& ours, int& theirs) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Fatal{std::string("pipe2 failed: ") + std::strerror(errno)};
  ::fcntl(fds[0], F_SETPIPE_SZ, 1024 * 1024);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  ours = fds[0];
  theirs = fds[1];
}

// Reads what `fd` holds now into `capture`, at most `budget` bytes; closes it at end of file.
void drain(int& fd, CaptureStream& capture, std::size_t budget = 4 * 1024 * 1024) {
  char buffer[65536];
  while (fd >= 0 && budget > 0) {
    ssize_t got = ::read(fd, buffer, std::min(sizeof buffer, budget));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return;  // EAGAIN: nothing more now
    if (got == 0) {
      ::close(fd);
      fd = -1;
      return;
    }
    capture.feed(std::string_view(buffer, static_cast<std::size_t>(got)));
    budget -= static_cast<std::size_t>(got);
  }
}

// A fresh random token for one job, as hex. The worker echoes it in the job's result; anything
// else on the control socket (a frame some code in the worker forged) does not carry it.
std::string make_token() {
  unsigned char bytes[16] = {};
  std::size_t done = 0;
  while (done < sizeof bytes) {
    ssize_t got = ::getrandom(bytes + done, sizeof bytes - done, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw Fatal{std::string("getrandom failed: ") + std::strerror(errno)};
    done += static_cast<std::size_t>(got);
  }
  static const char digits[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += digits[byte >> 4];
    token += digits[byte & 0xF];
  }
  return token;
}

// A string member of a message, or "" (a forged message may hold anything, or not be an object).
std::string text_of(const nlohmann::json& message, const char* key) {
  if (!message.is_object()) return {};
  auto found = message.find(key);
  return found != message.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The lines a worker had to say (its "log", in a ready or result frame the supervisor accepted),
// onto our stderr: the worker itself has no descriptor of it (worker_main).
void print_worker_log(const nlohmann::json& message) {
  auto found = message.find("log");
  if (found == message.end() || !found->is_array()) return;
  for (const nlohmann::json& line : *found) {
    if (!line.is_string()) continue;
    const std::string text = "snipcheck: " + line.get<std::string>() + "\n";
    ssize_t ignored = ::write(2, text.data(), text.size());
    (void)ignored;
  }
}

// What a worker started for a sandboxed run may see of the supervisor's environment: what
// scrub_environment() (session.cpp) keeps for the code, and the sandbox's own switches. The
// rest (CI tokens, say) never enters the worker, so no copy of it is in the memory a sandboxed
// child inherits or in the environment block /proc/<pid>/environ shows.
std::vector<std::string> sandbox_environment(const std::vector<Job>& jobs) {
  std::vector<std::string> names = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM", "SNIPCHECK_SANDBOX_SKIP",
                                    "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};
  for (const Job& job : jobs) names.insert(names.end(), job.sandbox_env.begin(), job.sandbox_env.end());
  std::vector<std::string> kept;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    std::string name = text.substr(0, text.find('='));
    if (name.starts_with("LC_") || std::find(names.begin(), names.end(), name) != names.end()) kept.push_back(text);
  }
  return kept;
}

// Tells the supervisor why the worker never ran: errno on the exec-error pipe, then exit 127.
[[noreturn]] void exec_failed(int error_pipe, int error) {
  ssize_t ignored = ::write(error_pipe, &error, sizeof error);
  (void)ignored;
  ::_exit(127);
}

constexpr int k_exec_error_fd = 5;  // in the worker-to-be, until exec closes it

// `environment`: the worker's whole environment block (every job sandboxed), or nullptr: ours.
// `sandboxed`: some job is; the worker then keeps its /proc files from its sandboxed children.
[[noreturn]] void exec_worker(const SupervisorOptions& options, int control, int out, int err, int error_pipe,
                              const std::vector<std::string>* environment, bool sandboxed) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // fds 1 and 2 are the write ends of the capture pipes. Every source descriptor is first
  // moved above the target numbers, so no dup2 below can overwrite one that is still to be
  // placed.
  auto lift = [](int fd) { return fd < 0 ? -1 : ::fcntl(fd, F_DUPFD, 10); };
  int out_pipe = lift(out);
  int err_pipe = lift(err);
  int null_in = lift(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  int log = lift(2);
  int lifted_control = lift(control);
  int lifted_error = lift(error_pipe);
  if (lifted_error < 0) ::_exit(127);
  if (out_pipe < 0 || err_pipe < 0 || null_in < 0 || log < 0 || lifted_control < 0) exec_failed(lifted_error, errno);
  if (::dup2(null_in, 0) < 0 || ::dup2(out_pipe, 1) < 0 || ::dup2(err_pipe, 2) < 0 ||
      ::dup2(lifted_control, k_worker_control_fd) < 0 || ::dup2(log, k_worker_log_fd) < 0 ||
      ::dup3(lifted_error, k_exec_error_fd, O_CLOEXEC) < 0) {
    exec_failed(lifted_error, errno);
  }
  static_assert(k_exec_error_fd == k_worker_log_fd + 1);
  ::close_range(k_exec_error_fd + 1, ~0U, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  std::string preload;
  for (const std::string& module : options.preload) preload += (preload.empty() ? "" : ",") + module;
  std::vector<const char*> argv = {"snipcheck", "__worker", "--preload", preload.c_str()};
  if (options.verbose) argv.push_back("-v");
  if (sandboxed) argv.push_back("--sandboxed");
  // The dynamic linker resolves every symbol at load time, so the process tier's children,
  // forked from a copy of the worker, do not each resolve (and write, copying pages) the same
  // lazily bound symbols again. The worker removes the variable before Python starts, so
  // snippets never see it.
  std::vector<std::string> block = environment != nullptr ? *environment : std::vector<std::string>{};
  if (::getenv("LD_BIND_NOW") == nullptr && ::setenv("LD_BIND_NOW", "1", 1) == 0) {
    argv.push_back("--unset-bind-now");
    block.emplace_back("LD_BIND_NOW=1");
  }
  argv.push_back(nullptr);
  std::vector<const char*> envp;
  for (const std::string& entry : block) envp.push_back(entry.c_str());
  envp.push_back(nullptr);
  ::execve(options.executable.c_str(), const_cast<char* const*>(argv.data()),
           environment != nullptr ? const_cast<char* const*>(envp.data()) : environ);
  exec_failed(k_exec_error_fd, errno);
}

class Pool {
 public:
  Pool(const SupervisorOptions& options, const std::vector<Job>& jobs, const OutcomeCallback& callback)
      : m_options(options), m_jobs(jobs), m_callback(callback), m_outcomes(jobs.size()) {
    for (std::size_t i = 0; i < jobs.size(); ++i) m_pending.push_back(i);
    // Every job sandboxed (check, run --sandbox): workers start with a clean environment.
    auto sandboxed = [](const Job& job) { return job.sandbox; };
    if (std::all_of(jobs.begin(), jobs.end(), sandboxed)) m_environment = sandbox_environment(jobs);
    m_sandboxed = std::any_of(jobs.begin(), jobs.end(), sandboxed);
  }

  std::vector<Outcome> run() {
    const std::size_t wanted = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, m_options.workers)), m_jobs.size());
    for (std::size_t i = 0; i < wanted; ++i) m_workers.push_back(start_worker());
    while (m_done + m_dropped < m_jobs.size()) {
      if (interrupt_requested()) {
        stop_everything();
        break;
      }
      poll_once();
      enforce_deadlines();
    }
    for (Worker& worker : m_workers) stop(worker, Kill::no);
    return std::move(m_outcomes);
  }

 private:
  enum class Kill { no, yes };
  enum class Drain { once, until_quiet };

  Worker start_worker() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
      throw Fatal{std::string("socketpair failed: ") + std::strerror(errno)};
    }
    Worker worker;
    int stdout_end = -1, stderr_end = -1;
    make_capture_pipe(worker.stdout_pipe, stdout_end);
    make_capture_pipe(worker.stderr_pipe, stderr_end);
    int error_pipe[2];
    if (::pipe2(error_pipe, O_CLOEXEC) != 0) throw Fatal{std::string("pipe2 failed: ") + std::strerror(errno)};
    // Forked under the cleanup lock: the immediate end of an interrupt sees every worker.
    auto held = hold_cleanup();
    pid_t pid = ::fork();
    if (pid < 0) throw Fatal{std::string("fork failed: ") + std::strerror(errno)};
    if (pid == 0) {
      exec_worker(m_options, fds[1], stdout_end, stderr_end, error_pipe[1],
                  m_environment ? &*m_environment : nullptr, m_sandboxed);
    }
    ::close(fds[1]);
    ::close(stdout_end);
    ::close(stderr_end);
    ::close(error_pipe[1]);
    // The pipe closes at the exec; before that, a failure sends its errno.
    int error = 0;
    ssize_t got = 0;
    while ((got = ::read(error_pipe[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    ::close(error_pipe[0]);
    if (got == static_cast<ssize_t>(sizeof error)) {
      ::close(fds[0]);
      close_pipes(worker);
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
      throw Fatal{"cannot start a worker: executing " + m_options.executable + " failed: " + std::strerror(error) +
                  " (errno " + std::to_string(error) + ")"};
    }
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    worker.pid = pid;
    worker.control = fds[0];
    spdlog::debug("started worker {}", pid);
    return worker;
  }

  // Kills (if asked) and reaps a worker, and releases its files. Returns its wait status.
  int stop(Worker& worker, Kill kill) {
    if (worker.pid <= 0) return 0;
    if (kill == Kill::yes) ::kill(-worker.pid, SIGKILL);
    ::close(worker.control);
    int status = 0;
    while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
    // Whatever the snippet started in the worker's process group goes with it.
    ::kill(-worker.pid, SIGKILL);
    close_pipes(worker);
    worker.pid = -1;
    kill_strays();
    return status;
  }

  // We are a child subreaper: processes a snippet started in a session of their own, orphaned
  // when their worker was killed, are reparented to us. Any child that is not a worker is one.
  // Only those are reaped: another worker that just died keeps its wait status for its own
  // finish (it says how it died).
  void kill_strays() {
    for (pid_t pid : child_processes()) {
      bool is_worker = std::any_of(m_workers.begin(), m_workers.end(), [&](const Worker& w) { return w.pid == pid; });
      if (is_worker) continue;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }

  // Interrupted: every worker killed with its process group, then whatever they started in
  // sessions of their own (reparented to us, a subreaper), until nothing is left. Unfinished
  // jobs keep an empty outcome; their callback is never called.
  void stop_everything() {
    for (Worker& worker : m_workers) stop(worker, Kill::yes);
    kill_descendants();
  }

  static void close_pipes(Worker& worker) {
    for (int* fd : {&worker.stdout_pipe, &worker.stderr_pipe}) {
      if (*fd >= 0) ::close(*fd);
      *fd = -1;
    }
  }

  // Takes in what the worker's pipes hold; over the job's output cap, asks the worker to stop
  // the job (its watchdog reports the stack, as at a timeout).
  void drain_output(Worker& worker) {
    drain(worker.stdout_pipe, worker.stdout_capture);
    drain(worker.stderr_pipe, worker.stderr_capture);
    const bool over = worker.stdout_capture.exceeded() || worker.stderr_capture.exceeded();
    if (over && worker.job && !worker.stop_asked && worker.inner_pid > 0) {
      worker.stop_asked = true;
      ::kill(worker.inner_pid, k_output_signal);
    }
  }

  void replace(Worker& worker, Kill kill) {
    stop(worker, kill);
    worker = m_pending.empty() ? Worker{} : start_worker();
  }

  void dispatch(Worker& worker) {
    if (m_pending.empty()) return;
    std::size_t index = m_pending.front();
    m_pending.pop_front();
    Job job = m_jobs[index];
    job.capture_nonce = make_capture_nonce();
    worker.stdout_capture.begin(job.capture_nonce, job.output_limit);
    worker.stderr_capture.begin(job.capture_nonce, job.output_limit);
    worker.stop_asked = false;
    worker.job = index;
    worker.token = make_token();
    worker.started = Clock::now();
    worker.hard_deadline = worker.started + std::chrono::milliseconds(job.timeout_ms + m_options.grace_ms);
    if (!write_message(worker.control, {{"type", "job"}, {"job", job}, {"token", worker.token}})) {
      finish_crashed(worker);
    }
  }

  // The job's output: what the pipes hold now (a worker that reported wrote its end markers
  // before its result, so all of it is there), with statement marks turned into offsets.
  // A worker the watchdog stopped may still be writing: its pipes are read once (Drain::once).
  void take_output(Worker& worker, Outcome& outcome, Drain mode) {
    CaptureStream& out = worker.stdout_capture;
    CaptureStream& err = worker.stderr_capture;
    const int turns = mode == Drain::once ? 1 : 64;
    for (int turn = 0; turn < turns && !(out.ended() && err.ended()); ++turn) {
      const std::uint64_t before = out.size() + err.size();
      const bool open = worker.stdout_pipe >= 0 || worker.stderr_pipe >= 0;
      drain_output(worker);
      if (!open || out.size() + err.size() == before) break;
    }
    for (StatementOutput& s : outcome.statements) {
      s.stdout_begin = out.offset_of(static_cast<std::uint32_t>(s.stdout_begin), out.size());
      s.stdout_end = out.offset_of(static_cast<std::uint32_t>(s.stdout_end), out.size());
      s.stderr_begin = err.offset_of(static_cast<std::uint32_t>(s.stderr_begin), err.size());
      s.stderr_end = err.offset_of(static_cast<std::uint32_t>(s.stderr_end), err.size());
    }
    outcome.stdout_bytes = out.size();
    outcome.stderr_bytes = err.size();
    outcome.stdout_text = out.take(outcome.stdout_truncated);
    outcome.stderr_text = err.take(outcome.stderr_truncated);
  }

  void finish(Worker& worker, Outcome outcome, Drain mode = Drain::until_quiet) {
    std::size_t index = *worker.job;
    take_output(worker, outcome, mode);
    // A worker that died before it reported said nothing of its tier; a forced isolation says it.
    if (outcome.tier.empty() && m_jobs[index].isolation != "auto") {
      outcome.tier = m_jobs[index].isolation;
      outcome.tier_reason = "isolation = \"" + outcome.tier + "\" (the worker ended before it reported)";
    }
    if (outcome.duration_ms == 0) {
      outcome.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - worker.started).count();
    }
    outcome.worker_pid = worker.pid;
    worker.job.reset();
    worker.token.clear();
    m_outcomes[index] = std::move(outcome);
    ++m_done;
    if (m_callback) m_callback(index, std::move(m_outcomes[index]));
    // Stopping early (run -x, --maxfail): the jobs not started are dropped, the running ones finish.
    if (m_options.stop_starting && !m_pending.empty() && m_options.stop_starting()) {
      m_dropped += m_pending.size();
      m_pending.clear();
    }
  }

  // The worker went away in the middle of a job: a crash, whatever the reason.
  void finish_crashed(Worker& worker) {
    ::close(worker.control);
    worker.control = -1;
    int status = 0;
    while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
    Outcome outcome;
    outcome.ending = Ending::crashed;
    if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
    else if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
    ::kill(-worker.pid, SIGKILL);
    finish(worker, std::move(outcome));
    close_pipes(worker);
    worker.pid = -1;
    kill_strays();
    worker = m_pending.empty() ? Worker{} : start_worker();
  }

  // A frame that is not what the worker owes now: code running in the worker (an unsandboxed
  // snippet in a sub-interpreter) wrote onto its control socket. Nothing it says can be
  // trusted any more: the worker is replaced, and the job it ran ends as a crash.
  void distrust(Worker& worker, const std::string& what) {
    spdlog::warn("worker {} sent {}; replacing it", worker.pid, what);
    if (worker.job) {
      Outcome outcome;
      outcome.ending = Ending::crashed;
      outcome.crash_reason = "the worker's control channel carried " + what +
                             " (written by the snippet?); the worker was replaced";
      finish(worker, std::move(outcome));
    }
    replace(worker, Kill::yes);
  }

  // The worker's watchdog stopped the job (a hard stop, or a look the supervisor stopped it at):
  // the outcome is where the message's stack says it was; the worker is replaced.
  void finish_stopped(Worker& worker, const nlohmann::json& message, Ending ending) {
    Outcome outcome;
    outcome.ending = ending;
    outcome.stack = message.value("stack", "");
    outcome.tier = message.value("tier", "");
    outcome.tier_reason = message.value("tier_reason", "");
    outcome.taint = "stopped by the watchdog";
    finish(worker, std::move(outcome), Drain::once);
    replace(worker, Kill::yes);
  }

  void handle_message(Worker& worker, const nlohmann::json& message) {
    const std::string type = text_of(message, "type");
    if (type == "ready" && !worker.ready && !worker.job) {
      print_worker_log(message);
      worker.ready = true;
      worker.inner_pid = message.value("pid", 0);
      m_failed_starts = 0;
      dispatch(worker);
      return;
    }
    // A look (Job::look_ms) can cross the job's result on the channel, or come from a job that
    // just ended: only one with the running job's token counts, and it changes nothing else.
    if (type == "look") {
      if (!worker.job || text_of(message, "token") != worker.token) return;
      if (m_options.stop_at_look && m_options.stop_at_look(message.value("stack", ""))) {
        finish_stopped(worker, message, Ending::timeout);
      }
      return;
    }
    // Exactly one result (or hard stop) per job, with the job's token; nothing else, ever.
    if (!worker.job) {
      distrust(worker, "a message while it had no job");
      return;
    }
    if (type != "result" && type != "hard_stop") {
      distrust(worker, "a message that was not its job's result");
      return;
    }
    if (text_of(message, "token") != worker.token) {
      distrust(worker, "a result without its job's token");
      return;
    }
    if (type == "hard_stop") {
      finish_stopped(worker, message, message.value("kind", "") == "timeout" ? Ending::timeout : Ending::output_limit);
      return;
    }
    if (type != "result") return;
    print_worker_log(message);
    Outcome outcome;
    outcome.duration_ms = message.value("duration_ms", std::int64_t{0});
    if (message.contains("exit_status") && !message["exit_status"].is_null()) {
      outcome.exit_status = message["exit_status"].get<int>();
    }
    if (message.contains("error") && !message["error"].is_null()) outcome.error = message["error"].get<PythonError>();
    if (message.contains("statements")) outcome.statements = message["statements"].get<std::vector<StatementOutput>>();
    if (message.contains("probes")) outcome.probes = probe_results_from_json(message["probes"]);
    if (message.contains("before_errors") && message["before_errors"].is_array()) {
      outcome.before_errors = message["before_errors"].get<std::vector<PartError>>();
    }
    outcome.taint = message.value("taint", "");
    outcome.internal_error = message.value("internal_error", "");
    outcome.tier = message.value("tier", "");
    outcome.worker_rss_kb = message.value("rss_kb", 0L);
    outcome.worker_fds = message.value("fds", 0L);
    outcome.tier_reason = message.value("tier_reason", "");
    outcome.file_size_exceeded = message.value("file_size_exceeded", false);
    if (message.contains("sandbox")) outcome.sandbox = message["sandbox"].get<SandboxReport>();
    if (message.contains("crash_signal")) {
      outcome.ending = Ending::crashed;
      outcome.signal = message["crash_signal"].get<int>();
    } else if (message.contains("crash_status")) {
      outcome.ending = Ending::crashed;
      outcome.exit_status = message["crash_status"].get<int>();
      outcome.crash_reason = message.value("crash_reason", "");
    }
    const bool recycle = !outcome.taint.empty() || !outcome.internal_error.empty();
    finish(worker, std::move(outcome));
    if (recycle) {
      replace(worker, Kill::yes);
      return;
    }
    dispatch(worker);
  }

  void poll_once() {
    std::vector<pollfd> fds;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < m_workers.size(); ++i) {
      if (m_workers[i].pid <= 0) continue;
      fds.push_back({m_workers[i].control, POLLIN, 0});
      owners.push_back(i);
    }
    // The capture pipes: a snippet that prints blocks when its pipe is full, until it is read.
    const std::size_t controls = fds.size();
    for (std::size_t k = 0; k < controls; ++k) {
      for (int pipe : {m_workers[owners[k]].stdout_pipe, m_workers[owners[k]].stderr_pipe}) {
        if (pipe >= 0) fds.push_back({pipe, POLLIN, 0});
      }
    }
    if (fds.empty()) {
      // Every worker slot is empty while jobs remain: start one.
      if (m_done < m_jobs.size()) m_workers.front() = start_worker();
      return;
    }
    int ready = ::poll(fds.data(), fds.size(), 20);
    // Interrupted: a worker killed meanwhile is no crash to report; run() stops everything.
    if (ready <= 0 || interrupt_requested()) return;
    for (std::size_t k = controls; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      for (std::size_t w = 0; w < controls; ++w) {
        Worker& worker = m_workers[owners[w]];
        if (worker.stdout_pipe == fds[k].fd || worker.stderr_pipe == fds[k].fd) drain_output(worker);
      }
    }
    for (std::size_t k = 0; k < controls; ++k) {
      if (fds[k].revents == 0) continue;
      Worker& worker = m_workers[owners[k]];
      const pid_t pid = worker.pid;
      bool open = worker.reader.fill(worker.control);
      // A message may replace the worker in this slot; the rest concerns the one that was read.
      while (worker.pid == pid) {
        auto message = worker.reader.next();
        if (!message) break;
        handle_message(worker, *message);
      }
      if (!open && worker.pid == pid) on_worker_gone(worker);
    }
  }

  void on_worker_gone(Worker& worker) {
    if (worker.job) {
      finish_crashed(worker);
      return;
    }
    const pid_t pid = worker.pid;
    int status = stop(worker, Kill::no);
    if (!worker.ready) {
      const std::string how = describe_status(status);
      spdlog::error("worker {} failed to start: it {}", pid, how);
      if (++m_failed_starts >= k_max_failed_starts) {
        throw Fatal{"workers fail to start: the last one " + how + " before it was ready (run with -v for details)"};
      }
    }
    worker = m_pending.empty() ? Worker{} : start_worker();
  }

  void enforce_deadlines() {
    auto now = Clock::now();
    for (Worker& worker : m_workers) {
      if (worker.pid <= 0 || !worker.job || now < worker.hard_deadline) continue;
      spdlog::debug("worker {} missed its hard deadline; killing it", worker.pid);
      ::kill(-worker.pid, SIGKILL);
      Outcome outcome;
      outcome.ending = Ending::timeout;
      outcome.taint = "killed at the deadline";
      finish(worker, std::move(outcome));
      replace(worker, Kill::yes);
    }
  }

  const SupervisorOptions& m_options;
  const std::vector<Job>& m_jobs;
  const OutcomeCallback& m_callback;
  std::vector<Outcome> m_outcomes;
  std::deque<std::size_t> m_pending;
  std::vector<Worker> m_workers;
  std::size_t m_done = 0;
  std::size_t m_dropped = 0;  // never started: stop_starting() said so
  int m_failed_starts = 0;
  std::optional<std::vector<std::string>> m_environment;  // the workers' environment, when clean
  bool m_sandboxed = false;                                // some job is sandboxed
};

}  // namespace

Supervisor::Supervisor(SupervisorOptions options) : m_options(std::move(options)) {}

std::vector<Outcome> Supervisor::run(const std::vector<Job>& jobs, const OutcomeCallback& on_outcome) {
  if (jobs.empty()) return {};
  // A worker that dies must not kill us with SIGPIPE when we write its next job.
  ::signal(SIGPIPE, SIG_IGN);
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  // Sandboxed code may run as our own user (not root: no uid of its own): our /proc files, the
  // environment the user gave us among them, are not for it to read.
  if (std::any_of(jobs.begin(), jobs.end(), [](const Job& job) { return job.sandbox; })) ::prctl(PR_SET_DUMPABLE, 0);
  Pool pool(m_options, jobs, on_outcome);
  return pool.run();
}

void Supervisor::run_jobs(const std::vector<Job>& jobs, const RunControl& control, const OutcomeCallback& on_outcome) {
  SupervisorOptions options = m_options;
  options.stop_starting = control.stop_starting;
  options.stop_at_look = control.stop_at_look;
  Supervisor(std::move(options)).run(jobs, on_outcome);
}

std::string current_executable() {
  char buffer[4096];
  ssize_t length = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (length <= 0) throw Fatal{"cannot find this program's path (/proc/self/exe)"};
  return std::string(buffer, static_cast<std::size_t>(length));
}

}  // namespace snipcheck
