#include "runner/worker.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "runner/capture.hpp"
#include "runner/process_state.hpp"
#include "runner/protocol.hpp"
#include "runner/session.hpp"
#include "runner/stdin_input.hpp"
#include "sandbox/shield.hpp"

namespace snipcheck {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int k_stack_signal = SIGUSR2;
constexpr int k_fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

// A memfd made once per worker; a forked child inherits both the descriptor and this value, so
// its stack lands where the worker's watchdog reads it. (A sandboxed child closes it: its stack
// goes to its job's own channel instead, see Interpreter::dump_running_stack.)
int g_stack_fd = -1;

// The process the supervisor started, now this worker's parent (split_off_keeper).
pid_t g_keeper = -1;

// The supervisor (the keeper's parent) and its process group, as the keeper saw them.
pid_t g_supervisor = -1;
pid_t g_supervisor_group = -1;

void write_text(int fd, const char* text) {
  ssize_t ignored = ::write(fd, text, std::strlen(text));
  (void)ignored;
}

// Set when the supervisor, which drains fds 1 and 2, saw the job write more than output_limit
// (k_output_signal); the watchdog stops the job then.
std::atomic<bool> g_output_over{false};

void on_output_over(int) { g_output_over.store(true); }

// In the job's thread, on the watchdog's request: where is the snippet now?
void on_stack_request(int) {
  const int channel = Interpreter::stack_channel();
  if (channel >= 0) Interpreter::dump_running_stack(channel);
  else if (g_stack_fd >= 0) Interpreter::dump_running_stack(g_stack_fd);
}

// A fatal signal: print the Python stack to the job's stderr, then die of the same signal
// (SA_RESETHAND restored the default action) so the supervisor sees which one it was.
void on_fatal_signal(int sig) {
  write_text(2, "\nFatal signal ");
  write_text(2, sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
  write_text(2, " in the snippet; Python stack:\n");
  Interpreter::dump_running_stack(2);
  ::raise(sig);
}

void install_signal_handlers() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_stack_request;
  action.sa_flags = SA_RESTART;
  ::sigaction(k_stack_signal, &action, nullptr);
  action.sa_handler = on_fatal_signal;
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (int sig : k_fatal_signals) ::sigaction(sig, &action, nullptr);
  // A snippet writing to a closed pipe gets EPIPE as in a script, not a dead worker.
  ::signal(SIGPIPE, SIG_IGN);
  // RLIMIT_FSIZE then makes write() fail with EFBIG (OSError) instead of killing the worker, and
  // the result says the limit was hit even when the snippet swallowed the error.
  action.sa_handler = on_file_size_signal;
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGXFSZ, &action, nullptr);
  action.sa_handler = on_output_over;
  ::sigaction(k_output_signal, &action, nullptr);
}

void restore_limits(const rlimit& fsize, const rlimit& as) {
  ::setrlimit(RLIMIT_FSIZE, &fsize);
  ::setrlimit(RLIMIT_AS, &as);
}

std::uint64_t size_of_fd(int fd) {
  struct stat info {};
  return ::fstat(fd, &info) == 0 ? static_cast<std::uint64_t>(info.st_size) : 0;
}

// faulthandler's text, without the driver's own frame and with thread ids (noise in a report)
// replaced by which thread it was.
std::string tidy_stack(const std::string& raw) {
  std::string tidy;
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(start, end - start);
    start = end + 1;
    if (line.find("<snipcheck-driver>") != std::string::npos) continue;
    if (line.starts_with("Current thread 0x")) line = k_main_thread_header;
    else if (line.starts_with("Thread 0x")) line = "Another thread (most recent call first):";
    tidy += line + "\n";
  }
  return tidy;
}

// The worker's resident memory, for reports that watch it grow (or not) over many jobs.
long resident_kb() {
  long pages = 0, resident = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(statm);
  }
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// Sends messages to the supervisor from either thread, one at a time.
class Channel {
 public:
  explicit Channel(int fd) : m_fd(fd) {}
  bool send(const nlohmann::json& message) {
    std::lock_guard lock(m_mutex);
    return write_message(m_fd, message);
  }

 private:
  int m_fd;
  std::mutex m_mutex;
};

// Whether a stack read may fall back to reading the job's frames from the watchdog's thread (a
// snippet that blocked the stack signal): only when the job is stopped right after.
enum class ReadFrames { yes, no };

// Watches the running job from a second thread: its deadline, and whether the supervisor found
// its output over the cap. When either is passed it asks the job's thread for its Python stack, tells the supervisor, and
// waits to be killed. The job's thread must then never report. At the job's look (Job::look_ms)
// it sends the stack as a look and goes on watching; the supervisor may stop the job then.
class Watchdog {
 public:
  Watchdog(Channel& channel, pthread_t job_thread)
      : m_channel(channel), m_job_thread(job_thread), m_thread([this] { loop(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(m_mutex);
      m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void arm(const Job& job) {
    std::lock_guard lock(m_mutex);
    m_deadline = Clock::now() + std::chrono::milliseconds(job.timeout_ms);
    m_look_due = job.look_ms > 0 && job.look_ms < job.timeout_ms;
    m_look = Clock::now() + std::chrono::milliseconds(job.look_ms);
    g_output_over.store(false);
    m_armed = true;
    m_wake.notify_all();
  }

  // Where the job runs, for a report the watchdog may have to send instead of the job.
  void set_route(const Route& route) {
    std::lock_guard lock(m_mutex);
    m_tier = route.tier;
    m_tier_reason = route.reason;
  }

  // While a forked child runs the job, the stack is asked of it instead (0: none). `channel`:
  // where that child writes it, appended (a sandboxed child's own result channel), or -1: the
  // worker's stack file.
  void set_child(pid_t pid, int channel) {
    m_channel_fd.store(channel);
    m_child.store(pid);
  }

  // The running job's token, which a hard stop must carry as its result would.
  void set_token(const std::string& token) {
    std::lock_guard lock(m_mutex);
    m_token = token;
  }

  // Returns false when the watchdog already stopped the job.
  bool disarm() {
    std::lock_guard lock(m_mutex);
    m_armed = false;
    return !m_fired;
  }

 private:
  void loop() {
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
      if (!m_armed) {
        m_wake.wait(lock);
        continue;
      }
      m_wake.wait_for(lock, std::chrono::milliseconds(5));
      if (!m_armed || m_quit) continue;
      const char* kind = nullptr;
      if (Clock::now() >= m_deadline) kind = "timeout";
      else if (g_output_over.load()) kind = "output_limit";
      if (kind == nullptr && m_look_due && Clock::now() >= m_look) {
        m_look_due = false;
        nlohmann::json message = {{"type", "look"}, {"tier", m_tier}, {"tier_reason", m_tier_reason}, {"token", m_token}};
        lock.unlock();
        look(message);
        lock.lock();
      }
      if (kind == nullptr) continue;
      m_fired = true;
      lock.unlock();
      fire(kind);
      return;
    }
  }

  // A sandboxed child writes its stack to its own result channel, where a look would land in
  // front of its result: it has no look, and runs on to its deadline.
  void look(nlohmann::json& message) {
    if (m_child.load() > 0 && m_channel_fd.load() >= 0) return;
    message["stack"] = collect_stack(ReadFrames::no);
    m_channel.send(message);
  }

  void fire(const char* kind) {
    std::string stack = collect_stack(ReadFrames::yes);
    std::string token;
    {
      std::lock_guard lock(m_mutex);
      token = m_token;
    }
    m_channel.send({{"type", "hard_stop"}, {"kind", kind}, {"stack", stack}, {"tier", m_tier},
                    {"tier_reason", m_tier_reason}, {"token", token}});
    for (;;) ::pause();  // the supervisor kills the whole process group now
  }

  std::string collect_stack(ReadFrames read_frames) {
    pid_t child = m_child.load();
    const int channel = child > 0 ? m_channel_fd.load() : -1;
    const int fd = channel >= 0 ? channel : g_stack_fd;
    if (fd < 0) return {};
    // The worker's stack file starts empty; a child's channel holds what the child wrote
    // before the request, and the stack follows it.
    std::uint64_t start = 0;
    if (channel >= 0) start = size_of_fd(channel);
    else if (::ftruncate(g_stack_fd, 0) != 0) return {};
    if (child > 0) ::kill(child, k_stack_signal);
    else ::pthread_kill(m_job_thread, k_stack_signal);
    // The dump is done when the file has stopped growing (up to about half a second).
    std::uint64_t last = start;
    for (int i = 0; i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      std::uint64_t size = size_of_fd(fd);
      if (size > start && size == last) break;
      last = size;
    }
    // A snippet that blocked our signal never answers; read its frames from this thread
    // instead, as faulthandler.dump_traceback_later does (a sub-interpreter job only).
    // Not for a look: the job goes on, and its frames change under the reader.
    if (last == 0 && child <= 0 && read_frames == ReadFrames::yes) Interpreter::dump_running_stack(g_stack_fd);
    std::string stack;
    char buffer[8192];
    ssize_t got = 0;
    auto offset = static_cast<off_t>(start);
    while (stack.size() < 64 * 1024 && (got = ::pread(fd, buffer, sizeof buffer, offset)) > 0) {
      stack.append(buffer, static_cast<std::size_t>(got));
      offset += got;
    }
    return tidy_stack(stack);
  }

  Channel& m_channel;
  pthread_t m_job_thread;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  Clock::time_point m_deadline{};
  Clock::time_point m_look{};
  bool m_look_due = false;
  bool m_armed = false;
  bool m_fired = false;
  bool m_quit = false;
  std::atomic<pid_t> m_child{0};
  std::atomic<int> m_channel_fd{-1};
  std::string m_token;
  std::string m_tier;
  std::string m_tier_reason;
  std::thread m_thread;
};

// A sub-interpreter job that failed only because CPython 3.11 sub-interpreters cannot do what it
// did (install a signal handler), and left nothing running that could disturb a second run.
// An earlier block of its session (Job::before) that failed so counts too: it runs in the same
// interpreter.
bool refused_signal_handler(const PythonError& error) {
  return error.type == "ValueError" &&
         error.message.find("signal only works in main thread of the main interpreter") != std::string::npos;
}

bool needs_main_interpreter(const SessionReport& report) {
  if (!report.taint.empty() || !report.internal_error.empty()) return false;
  if (report.error && refused_signal_handler(*report.error)) return true;
  return std::any_of(report.before_errors.begin(), report.before_errors.end(),
                     [](const PartError& part) { return refused_signal_handler(part.error); });
}

// Writes the job's marker `kind` to fds 1 and 2 (capture.hpp): one write each, so no other
// writer's bytes can land inside it.
void mark_output(const Job& job, MarkKind kind) {
  const std::string marker = capture_marker(job.capture_nonce, kind);
  for (int fd : {1, 2}) {
    // A snippet may have made the pipe non-blocking (the flag is shared): wait for room then.
    for (int attempt = 0; attempt < 1000; ++attempt) {
      if (::write(fd, marker.data(), marker.size()) >= 0) break;
      if (errno == EINTR) continue;
      if (errno != EAGAIN) break;
      pollfd room{fd, POLLOUT, 0};
      ::poll(&room, 1, 10);
    }
  }
}

nlohmann::json run_job(Interpreter& python, Watchdog& watchdog, const Job& job, const ProcessState& baseline) {
  rlimit fsize{}, as{};
  ::getrlimit(RLIMIT_FSIZE, &fsize);
  ::getrlimit(RLIMIT_AS, &as);
  mark_output(job, MarkKind::start);
  if (::chdir(job.cwd.c_str()) != 0) {
    return {{"type", "result"}, {"internal_error", "cannot enter " + job.cwd + ": " + std::strerror(errno)}};
  }
  ProcessState before = baseline;
  before.cwd = job.cwd;
  auto start = Clock::now();
  Route route = python.route(job);
  // The process tier's child sets its own limits; the worker's writes (the job file) are not
  // the snippet's.
  if (route.tier == "subinterpreter") apply_job_limits(job);
  watchdog.set_route(route);
  watchdog.arm(job);
  auto in_process = [&] {
    restore_limits(fsize, as);
    return python.run_process(job, [&](pid_t child, int channel) { watchdog.set_child(child, channel); },
                              [&] {
                                watchdog.arm(job);
                                start = Clock::now();
                              });
  };
  auto in_subinterpreter = [&] {
    if (!job.stdin_text) return python.run_subinterpreter(job);
    StdinSwap input(*job.stdin_text);
    if (!input.error().empty()) {
      SessionReport failed;
      failed.internal_error = input.error();
      return failed;
    }
    return python.run_subinterpreter(job);
  };
  SessionReport report = route.tier == "process" ? in_process() : in_subinterpreter();
  if (route.tier == "subinterpreter" && job.isolation == "auto" && needs_main_interpreter(report)) {
    mark_output(job, MarkKind::start);  // the first attempt's output is not the job's
    // What the AST did not show (a library installing a signal handler, say) the sub-interpreter
    // refused at run time: the job runs again from the start, in a process of its own, with its
    // full time. The worker's own state is still checked below.
    // Descriptors the first attempt left open (a listening socket, say) would stand in the way
    // of the second; the worker is replaced afterwards anyway, as its state check will say.
    for (int fd : ProcessState::capture().open_fds) {
      if (!std::binary_search(baseline.open_fds.begin(), baseline.open_fds.end(), fd)) ::close(fd);
    }
    const std::string refused = report.error && refused_signal_handler(*report.error)
                                    ? report.error->message
                                    : "an earlier block of its session: signal only works in main thread of the main interpreter";
    route = {"process", "ran again in a process of its own: in a sub-interpreter, " + refused};
    watchdog.set_route(route);
    watchdog.arm(job);
    start = Clock::now();
    report = in_process();
  }
  const bool file_size_exceeded = report.file_size_exceeded || (route.tier == "subinterpreter" && file_size_limit_hit());
  bool in_time = watchdog.disarm();
  restore_limits(fsize, as);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  if (!in_time) {
    for (;;) ::pause();  // the watchdog has reported; the supervisor kills us
  }
  std::string taint = report.taint;
  // A child that is already on its way out (multiprocessing's resource tracker, say, which
  // exits when the snippet's process closes its pipe) gets a moment before it counts.
  for (int i = 0; i < 30 && !live_children().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ProcessState after = ProcessState::capture();
  if (taint.empty()) taint = describe_changes(before, after);
  // Leftover processes would outlive the worker (a new session escapes the group kill).
  if (!taint.empty()) kill_descendants();
  // Everything of the job's output is in the pipes before the result leaves.
  mark_output(job, MarkKind::end);
  nlohmann::json message = {{"type", "result"},
                            {"duration_ms", elapsed},
                            {"statements", report.statements},
                            {"before_errors", report.before_errors},
                            {"taint", taint},
                            {"internal_error", report.internal_error}};
  message["exit_status"] = report.exit_status ? nlohmann::json(*report.exit_status) : nlohmann::json();
  message["error"] = report.error ? nlohmann::json(*report.error) : nlohmann::json();
  if (file_size_exceeded) message["file_size_exceeded"] = true;
  if (!report.probes.empty()) message["probes"] = probe_results_to_json(report.probes);
  message["rss_kb"] = resident_kb();
  message["fds"] = after.open_fds.size();
  message["tier"] = route.tier;
  message["tier_reason"] = route.reason;
  if (report.crash_signal) message["crash_signal"] = *report.crash_signal;
  if (report.crash_status) message["crash_status"] = *report.crash_status;
  if (!report.crash_reason.empty()) message["crash_reason"] = report.crash_reason;
  if (report.sandbox) message["sandbox"] = *report.sandbox;
  return message;
}

// The keeper: what is left of the process the supervisor started once the real worker has been
// forked off. It holds no descriptor, runs no Python and only waits, then ends as the worker
// ended (the same exit status, or dying of the same signal), so the supervisor sees the
// worker's own wait status. A snippet's os.getppid() is the keeper, never the supervisor: a
// snippet that kills its parent kills only its own worker (issue 9, item 3).
[[noreturn]] void keep(pid_t worker) {
  ::close_range(0, ~0U, 0);
  int status = 0;
  while (::waitpid(worker, &status, 0) < 0) {
    if (errno != EINTR) ::_exit(127);
  }
  if (!WIFSIGNALED(status)) ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
  const int sig = WTERMSIG(status);
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);  // the worker's core, if any, is the one that matters
  ::signal(sig, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
  ::raise(sig);
  ::_exit(128 + sig);
}

// Forks the real worker, which returns; this process stays behind as its keeper. The worker
// dies with its keeper (PR_SET_PDEATHSIG), so killing either ends both; both stay in the
// process group the supervisor kills.
void split_off_keeper() {
  const pid_t keeper = ::getpid();
  g_keeper = keeper;
  g_supervisor = ::getppid();
  g_supervisor_group = ::getpgid(g_supervisor);
  const pid_t worker = ::fork();
  if (worker < 0) ::_exit(127);
  if (worker > 0) keep(worker);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != keeper) ::_exit(127);  // the keeper died before the line above
}

}  // namespace

int worker_main(bool verbose, const std::vector<std::string>& preload, bool sandboxed) {
  // Sandboxed code runs as this user (no uid of its own when we are not root): our /proc files
  // (environ, mem), the keeper's and the starter's, which inherit this, must not be open to it.
  // The process tier's children make themselves dumpable again (session.cpp).
  if (sandboxed) ::prctl(PR_SET_DUMPABLE, 0);
  split_off_keeper();
  // Orphans of a snippet's processes become our children, so a leftover one cannot hide.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  // A snippet that kills its keeper and then, reparented, its parent again would find the
  // supervisor (a subreaper) in the instant before its own PR_SET_PDEATHSIG lands; one that
  // kills -1 would find it always. Signals from this worker and whatever it forks (snippets, the
  // starter, their children and programs) cannot reach the supervisor or its group at all.
  // Before Python and any thread: the filter covers this thread only, and is inherited.
  // What the worker has to say travels in its next ready or result frame, which the supervisor
  // prints; fd 4 (the runner's stderr) would be a snippet's too, a way onto the user's terminal.
  nlohmann::json log = nlohmann::json::array();
  if (const int null_out = ::open("/dev/null", O_WRONLY | O_CLOEXEC); null_out >= 0) {
    ::dup2(null_out, k_worker_log_fd);
    ::close(null_out);
  }
  if (auto shielded = shield_from_signals(g_supervisor, g_supervisor_group); !shielded) {
    log.push_back("warning: the supervisor is not shielded from snippets' signals: " + shielded.error());
  }
  install_signal_handlers();
  g_stack_fd = ::memfd_create("snipcheck-stack", MFD_CLOEXEC);
  Channel channel(k_worker_control_fd);
  if (::chdir("/") != 0) return 3;
  Interpreter python(preload);
  python.start_process_tier({k_worker_control_fd, k_worker_log_fd});  // while this is the only thread: its copy must have no other
  Watchdog watchdog(channel, ::pthread_self());
  ProcessState baseline = ProcessState::capture();
  if (!channel.send({{"type", "ready"}, {"pid", ::getpid()}, {"log", log}})) return 0;
  while (auto message = read_message(k_worker_control_fd)) {
    if (message->value("type", "") != "job") break;
    Job job = message->at("job").get<Job>();
    const std::string token = message->value("token", "");
    watchdog.set_token(token);
    nlohmann::json result = run_job(python, watchdog, job, baseline);
    // The snippet killed its parent, our keeper: this worker dies with it (PR_SET_PDEATHSIG),
    // and must not first report the job as if nothing happened and take the next one.
    if (process_is_ending(g_keeper)) ::raise(SIGKILL);
    result["token"] = token;
    log = nlohmann::json::array();
    for (const std::string& failure : python.take_preload_failures()) log.push_back("warning: cannot preload " + failure);
    if (::chdir("/") != 0) result["taint"] = "cannot leave the job's directory";
    if (verbose) log.push_back("worker " + std::to_string(::getpid()) + ": " + job.id + " done");
    result["log"] = log;
    if (!channel.send(result)) break;
    if (!result.value("taint", "").empty() || !result.value("internal_error", "").empty()) break;
    // While the supervisor judges this result and picks the next job: the next job is likely
    // to run where this one did.
    if (result.value("tier", "") == "subinterpreter") python.prepare_subinterpreter();
  }
  // Finalising CPython after sub-interpreters (some possibly abandoned) gains nothing here.
  ::_exit(0);
}

}  // namespace snipcheck
