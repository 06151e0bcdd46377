// The adversarial suite (issue 5): the built snipcheck binary on the hostile fixture banks under
// tests/fixtures/sandbox-*/. Every bank is copied into a scratch folder first, so a sandbox that
// fails damages a copy. Each case asserts the verdicts, that nothing outside the job's working
// directory changed, that the secret was not read, that the loopback server saw no connection,
// that the runner survived (exit status 1, every result reported) and that the next job passed.
// The cases run twice where it matters: with every mechanism, and with user namespaces left out
// (SNIPCHECK_SANDBOX_SKIP=userns), which is what CI containers that block them get: the fallback.
//
// Compile definitions: SNIPCHECK_EXE (the binary), SNIPCHECK_FIXTURES (tests/fixtures).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#ifndef SNIPCHECK_EXE
#error "SNIPCHECK_EXE must be defined"
#endif
#ifndef SNIPCHECK_FIXTURES
#error "SNIPCHECK_FIXTURES must be defined"
#endif

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string k_exe = SNIPCHECK_EXE;
const fs::path k_fixtures = SNIPCHECK_FIXTURES;
const std::string k_secret = "TOP SECRET 5f3a9c";

struct Ran {
  int status = -1;  // exit status; 128 + signal when killed
  std::string out;
  std::string err;
};

// posix_spawn of `args` with the environment plus `extra`, in its own process group, stdin at
// /dev/null, stdout and stderr read until it exits (killed after `limit`).
Ran spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra,
          std::chrono::seconds limit = 240s) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    std::string key = entry.substr(0, entry.find('='));
    if (!extra.contains(key)) env_text.push_back(entry);
  }
  for (const auto& [key, value] : extra) env_text.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (std::string& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_text = args;
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2], err[2];
  REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
  REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = -1;
  int spawned = ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  ::close(err[1]);
  REQUIRE(spawned == 0);

  Ran ran;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::vector<pollfd> fds = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[] = {&ran.out, &ran.err};
  int open = 2;
  char buffer[65536];
  while (open > 0 && std::chrono::steady_clock::now() < deadline) {
    if (::poll(fds.data(), fds.size(), 100) <= 0) continue;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(got));
        continue;
      }
      ::close(fds[i].fd);
      fds[i].fd = -1;
      --open;
    }
  }
  if (open > 0) ::kill(-pid, SIGKILL);
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return ran;
}

// A loopback TCP server on a free port; `connections()` says whether anyone connected.
class LoopbackServer {
 public:
  LoopbackServer() : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(::listen(m_fd, 16) == 0);
    REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    m_port = ntohs(address.sin_port);
  }
  ~LoopbackServer() { ::close(m_fd); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return m_port; }
  int connections() {
    int count = 0;
    for (int fd; (fd = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0; ++count) ::close(fd);
    return count;
  }

 private:
  int m_fd;
  int m_port = 0;
};

// A UNIX socket listening at `path` (world-writable, so only the sandbox keeps code out).
class UnixServer {
 public:
  explicit UnixServer(const fs::path& path) : m_fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof address.sun_path);
    std::strcpy(address.sun_path, path.c_str());
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(m_fd, 16) == 0);
    ::chmod(path.c_str(), 0777);
  }
  ~UnixServer() { ::close(m_fd); }
  UnixServer(const UnixServer&) = delete;
  UnixServer& operator=(const UnixServer&) = delete;

  int connections() {
    int count = 0;
    for (int fd; (fd = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0; ++count) ::close(fd);
    return count;
  }

 private:
  int m_fd;
};

// Every file under `root` with its size and modification time, and every folder.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> seen;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat info {};
    if (::lstat(it->path().c_str(), &info) != 0) continue;
    // A folder's own times change with its entries, which are compared one by one anyway.
    if (S_ISDIR(info.st_mode)) {
      seen[it->path().string()] = std::to_string(info.st_mode) + ":" + std::to_string(info.st_uid);
      continue;
    }
    seen[it->path().string()] = std::to_string(info.st_mode) + ":" + std::to_string(info.st_uid) + ":" +
                                std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
                                std::to_string(info.st_mtim.tv_nsec);
  }
  return seen;
}

// The scene around a run: a scratch root (world-readable, so that only the sandbox keeps the
// secret) holding a home folder, a secret file and a copy of the bank; a marker path in /tmp.
class Scene {
 public:
  explicit Scene(const std::string& bank) {
    std::string pattern = (fs::temp_directory_path() / "snipcheck-sandbox-e2e-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    m_root = pattern;
    ::chmod(m_root.c_str(), 0755);
    fs::create_directory(home());
    std::ofstream(secret()) << k_secret << "\n";
    ::chmod(secret().c_str(), 0644);
    fs::copy(k_fixtures / bank, this->bank(), fs::copy_options::recursive);
    // Readable by an unprivileged user too (the cases that run as one).
    for (const auto& entry : fs::recursive_directory_iterator(m_root)) {
      fs::permissions(entry.path(), entry.is_directory() ? fs::perms::others_read | fs::perms::others_exec
                                                         : fs::perms::others_read, fs::perm_options::add);
    }
    fs::create_directory(reports());
    ::chmod(reports().c_str(), 0777);
    m_marker = "/tmp/snipcheck-sandbox-marker-" + std::to_string(::getpid());
  }
  ~Scene() {
    std::error_code ec;
    fs::remove_all(m_root, ec);
    fs::remove(m_marker, ec);
  }
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;

  fs::path home() const { return m_root / "home"; }
  fs::path secret() const { return m_root / "secret.txt"; }
  fs::path bank() const { return m_root / "bank"; }
  fs::path reports() const { return m_root / "reports"; }
  const fs::path& root() const { return m_root; }

  std::map<std::string, std::string> env(int port) const {
    return {{"HOME", home().string()},
            {"SANDBOX_HOME", home().string()},
            {"SNIPCHECK_TEST_TOKEN", k_secret},
            {"SANDBOX_SECRET", secret().string()},
            {"SANDBOX_BANK", bank().string()},
            {"SANDBOX_TMP_MARKER", m_marker},
            {"SANDBOX_PORT", std::to_string(port)},
            {"SANDBOX_UNIX_SOCKET", (m_root / "listening.sock").string()},
            {"NO_COLOR", "1"}};
  }
  bool marker_exists() const { return fs::exists(m_marker); }

 private:
  fs::path m_root;
  std::string m_marker;
};

struct Report {
  Ran ran;
  json document;
  std::map<std::string, json> by_id;
};

// Who runs snipcheck: this process's user, or (when that is root) nobody, through setpriv, so
// that the unprivileged path (no uid of its own, RLIMIT_NPROC in a user namespace or relative)
// is what gets tested.
enum class As { self, unprivileged };

bool can_run_unprivileged() { return ::geteuid() == 0 && fs::exists("/usr/bin/setpriv"); }

// The binary as the unprivileged user can run it: the build tree may be where it cannot go (a
// clone in root's home, mode 700), so a copy in a folder of its own that anyone may read and
// enter, made once, removed at exit.
const std::string& unprivileged_exe() {
  struct Copy {
    fs::path dir;
    std::string exe;
    Copy() {
      std::string pattern = (fs::temp_directory_path() / "snipcheck-sandbox-exe-XXXXXX").string();
      REQUIRE(::mkdtemp(pattern.data()) != nullptr);
      dir = pattern;
      ::chmod(dir.c_str(), 0755);
      exe = (dir / "snipcheck").string();
      fs::copy_file(k_exe, exe);
      ::chmod(exe.c_str(), 0755);
    }
    ~Copy() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  };
  static const Copy copy;
  return copy.exe;
}

// The command line that runs snipcheck with `args` as `as`.
std::vector<std::string> command(As as, const std::vector<std::string>& args) {
  std::vector<std::string> line;
  if (as == As::unprivileged) {
    line = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", unprivileged_exe()};
  } else {
    line = {k_exe};
  }
  line.insert(line.end(), args.begin(), args.end());
  return line;
}

Report run_bank(const Scene& scene, int port, const std::vector<std::string>& extra_args,
                const std::map<std::string, std::string>& extra_env = {}, As as = As::self) {
  // Two workers, unless the case names its own number.
  const bool jobs_given = std::find(extra_args.begin(), extra_args.end(), "-j") != extra_args.end();
  std::vector<std::string> args = command(as, {"run", scene.bank().string(), "--json", (scene.reports() / "report.json").string()});
  if (!jobs_given) args.insert(args.end(), {"-j", "2"});
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto env = scene.env(port);
  for (const auto& [key, value] : extra_env) env[key] = value;
  Report report;
  report.ran = spawn(args, env);
  INFO("stdout:\n" << report.ran.out << "\nstderr:\n" << report.ran.err);
  std::ifstream file(scene.reports() / "report.json");
  REQUIRE(file.good());
  report.document = json::parse(file);
  for (const json& result : report.document["results"]) report.by_id[result["id"].get<std::string>()] = result;
  return report;
}

void check_verdict(const Report& report, const std::string& id, const std::string& verdict, const std::string& reason) {
  REQUIRE(report.by_id.contains(id));
  const json& result = report.by_id.at(id);
  INFO(id << ": " << result["verdict"] << " — " << result["reason"] << "\nstderr: " << result["stderr"]);
  CHECK(result["verdict"] == verdict);
  CHECK(result["reason"].get<std::string>().find(reason) != std::string::npos);
  // (A job stopped at its deadline reports no tier: the worker was killed.)
  if (!result["tier"].is_null()) CHECK(result["tier"] == "process");
  CHECK(result["sandbox"].is_object());
}

// What every hostile run must leave true.
void check_contained(const Scene& scene, const Report& report, const std::map<std::string, std::string>& before) {
  CHECK(report.ran.status == 1);  // failures, not an internal error (3) or a dead runner
  CHECK(report.ran.out.find(k_secret) == std::string::npos);
  for (const auto& [id, result] : report.by_id) {
    INFO(id);
    CHECK(result["stdout"].get<std::string>().find(k_secret) == std::string::npos);
    CHECK(result["stderr"].get<std::string>().find(k_secret) == std::string::npos);
  }
  auto after = snapshot(scene.root());
  after.erase((scene.reports() / "report.json").string());
  // snipcheck's own cache of the last run (run --lf), written beside the bank's questions.
  const std::string cache = (scene.bank() / ".snipcheck_cache").string();
  std::erase_if(after, [&](const auto& entry) { return entry.first.rfind(cache, 0) == 0; });
  auto expected = before;
  expected.erase((scene.reports() / "report.json").string());
  CHECK(after == expected);
  CHECK_FALSE(scene.marker_exists());
  CHECK(fs::is_empty(scene.home()));
}

void check_all_active(const Report& report, const std::string& id) {
  const json& sandbox = report.by_id.at(id)["sandbox"];
  INFO(sandbox.dump(2));
  CHECK(sandbox["complete"] == true);
  CHECK(sandbox["active"].size() == 7);
  CHECK(sandbox["missing"].empty());
}

void escapes_are_refused(const std::map<std::string, std::string>& env, As as = As::self) {
  Scene scene("sandbox-escape");
  LoopbackServer server;
  UnixServer unix_server(scene.root() / "listening.sock");
  auto before = snapshot(scene.root());
  Report report = run_bank(scene, server.port(), {}, env, as);
  check_verdict(report, "001-write-home", "error", "PermissionError");
  check_verdict(report, "002-write-tmp", "error", "PermissionError");
  check_verdict(report, "003-write-bank", "error", "PermissionError");
  check_verdict(report, "004-read-secret", "error", "PermissionError");
  check_verdict(report, "005-delete-bank", "error", "PermissionError");
  // No route to the test's server: refused in a namespace of its own, denied in the fallback.
  check_verdict(report, "006-tcp-connect", "error", env.empty() ? "ConnectionRefusedError" : "PermissionError");
  check_verdict(report, "007-kill-parent", "error", "PermissionError");
  check_verdict(report, "008-raise-rlimits", "error", "not allowed to raise maximum limit");
  check_verdict(report, "009-ptrace", "pass", "");
  if (env.empty()) check_verdict(report, "010-asyncio-loopback", "pass", "");
  else check_verdict(report, "010-asyncio-loopback", "error", "");  // no IPv4 socket at all
  check_verdict(report, "011-unix-socket", "error", "PermissionError");
  check_verdict(report, "012-still-works", "pass", "");
  check_verdict(report, "013-environment", "pass", "");
  CHECK(server.connections() == 0);
  CHECK(unix_server.connections() == 0);
  check_contained(scene, report, before);
  check_all_active(report, "012-still-works");
  const std::string network = report.by_id.at("012-still-works")["sandbox"]["details"]["network"];
  CHECK(network.find(env.empty() ? "network namespace of its own" : "fallback") != std::string::npos);
}

void limits_are_named(const std::map<std::string, std::string>& env, As as = As::self) {
  Scene scene("sandbox-limits");
  auto before = snapshot(scene.root());
  Report report = run_bank(scene, 1, {}, env, as);
  check_verdict(report, "001-fork-bomb", "limit", "processes:");
  check_verdict(report, "002-thread-bomb", "limit", "processes:");
  check_verdict(report, "003-memory-bomb", "limit", "memory:");
  check_verdict(report, "004-infinite-output", "limit", "output:");
  check_verdict(report, "005-ten-gigabytes", "limit", "file size:");
  check_verdict(report, "006-cpu-burn", "timeout", "cpu:");
  check_verdict(report, "007-open-files", "limit", "open files:");
  check_verdict(report, "008-still-works", "pass", "");
  check_contained(scene, report, before);
}

}  // namespace

TEST_CASE("sandbox: escapes from the working directory are refused", "[sandbox]") { escapes_are_refused({}); }

TEST_CASE("sandbox: escapes are refused without user namespaces (the fallback)", "[sandbox]") {
  escapes_are_refused({{"SNIPCHECK_SANDBOX_SKIP", "userns"}});
}

TEST_CASE("sandbox: exhausting the machine hits a limit the verdict names", "[sandbox][memory]") {
  limits_are_named({});
}

TEST_CASE("sandbox: limits hold without user namespaces (the fallback)", "[sandbox][memory]") {
  limits_are_named({{"SNIPCHECK_SANDBOX_SKIP", "userns"}});
}

TEST_CASE("sandbox: escapes are refused for an unprivileged user, with and without user namespaces", "[sandbox]") {
  if (!can_run_unprivileged()) {
    WARN("not root: the other cases already run unprivileged");
    return;
  }
  escapes_are_refused({}, As::unprivileged);
  escapes_are_refused({{"SNIPCHECK_SANDBOX_SKIP", "userns"}}, As::unprivileged);
}

TEST_CASE("sandbox: limits hold for an unprivileged user, with and without user namespaces", "[sandbox][memory]") {
  if (!can_run_unprivileged()) {
    WARN("not root: the other cases already run unprivileged");
    return;
  }
  limits_are_named({}, As::unprivileged);
  limits_are_named({{"SNIPCHECK_SANDBOX_SKIP", "userns"}}, As::unprivileged);
}

TEST_CASE("sandbox: crashes and hangs end the job, not the runner", "[sandbox]") {
  Scene scene("sandbox-crash");
  auto before = snapshot(scene.root());
  Report report = run_bank(scene, 1, {});
  check_verdict(report, "001-ctypes-segfault", "crash", "SIGSEGV");
  check_verdict(report, "002-sleep-forever", "timeout", "timeout");
  // A busy loop in C meets both limits at about the same moment: the CPU limit on an idle
  // machine, the wall-clock timeout on a loaded one. Either is a timeout that names itself.
  check_verdict(report, "003-regex-backtrack", "timeout", "");
  const std::string backtrack = report.by_id.at("003-regex-backtrack")["reason"].get<std::string>();
  CHECK((backtrack.find("timeout") != std::string::npos || backtrack.find("cpu:") != std::string::npos));
  check_verdict(report, "004-still-works", "pass", "");
  check_contained(scene, report, before);
}

TEST_CASE("sandbox: ordinary code still passes (numpy, sqlite3, threads, subprocess, tempfile, multiprocessing)", "[sandbox]") {
  for (const std::string skip : {"", "userns"}) {
    INFO("SNIPCHECK_SANDBOX_SKIP=" << skip);
    Scene scene("sandbox-ordinary");
    Report report = run_bank(scene, 1, {}, {{"SNIPCHECK_SANDBOX_SKIP", skip}});
    for (const auto& [id, result] : report.by_id) {
      INFO(id << ": " << result["reason"] << "\n" << result["stderr"]);
      // multiprocessing needs a private /dev/shm, which only a mount namespace gives (documented).
      if (id == "006-multiprocessing" && !skip.empty()) {
        CHECK(result["verdict"] == "error");
        CHECK(result["reason"].get<std::string>().find("PermissionError") != std::string::npos);
        continue;
      }
      CHECK(result["verdict"] == "pass");
      CHECK(result["sandbox"]["complete"] == true);
    }
    CHECK(report.ran.status == (skip.empty() ? 0 : 1));
    CHECK(report.by_id.size() == 6);
  }
}

TEST_CASE("sandbox: subprocess needs sandbox_subprocess", "[sandbox]") {
  Scene scene("sandbox-ordinary");
  std::string settings = "[defaults]\ntimeout = 30\nsandbox = true\n";
  std::ofstream(scene.bank() / "snipcheck.toml") << settings;
  Report report = run_bank(scene, 1, {"-k", "004-*"});
  check_verdict(report, "004-subprocess", "error", "PermissionError");
}

TEST_CASE("sandbox: check always sandboxes and reports the protections", "[sandbox]") {
  Scene scene("sandbox-escape");
  LoopbackServer server;
  auto before = snapshot(scene.root());
  fs::path json_path = scene.reports() / "check.json";
  Ran ran = spawn({k_exe, "check", "--question", "4", "--bank", scene.bank().string(), "--json", json_path.string(),
                   (scene.bank() / "snippets" / "004-read-secret.py").string()},
                  scene.env(server.port()));
  INFO(ran.out << ran.err);
  CHECK(ran.status == 1);
  CHECK(ran.out.find("PermissionError") != std::string::npos);
  CHECK(ran.out.find(k_secret) == std::string::npos);
  json document = json::parse(std::ifstream(json_path));
  const json& result = document["results"][0];
  CHECK(result["verdict"] == "error");
  CHECK(result["sandbox"]["complete"] == true);
  CHECK(result["sandbox"]["details"]["filesystem"].get<std::string>().find("Landlock") != std::string::npos);
  auto after = snapshot(scene.root());
  after.erase(json_path.string());
  CHECK(after == before);
}

TEST_CASE("sandbox: check refuses a weaker sandbox unless --allow-weaker-sandbox, loudly", "[sandbox]") {
  Scene scene("sandbox-escape");
  const std::vector<std::string> base = {k_exe, "check", "--question", "12", "--bank", scene.bank().string(),
                                         (scene.bank() / "snippets" / "012-still-works.py").string()};
  auto env = scene.env(1);
  env["SNIPCHECK_SANDBOX_SKIP"] = "landlock";
  Ran refused = spawn(base, env);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("sandbox protection missing: filesystem") != std::string::npos);
  CHECK(refused.err.find("--allow-weaker-sandbox") != std::string::npos);
  CHECK(refused.out.find("pass") == std::string::npos);

  std::vector<std::string> allowed = base;
  fs::path json_path = scene.reports() / "weaker.json";
  allowed.insert(allowed.end(), {"--allow-weaker-sandbox", "--json", json_path.string()});
  Ran ran = spawn(allowed, env);
  INFO(ran.out << ran.err);
  CHECK(ran.status == 0);
  CHECK(ran.err.find("WEAKER sandbox") != std::string::npos);
  json document = json::parse(std::ifstream(json_path));
  const json& sandbox = document["results"][0]["sandbox"];
  CHECK(sandbox["complete"] == false);
  CHECK(sandbox["missing"] == json::array({"filesystem"}));
}

TEST_CASE("sandbox: run sandboxes with --sandbox and not without it or the setting", "[sandbox]") {
  Scene scene("sandbox-escape");
  std::ofstream(scene.bank() / "snipcheck.toml") << "[defaults]\ntimeout = 10\n";
  Report plain = run_bank(scene, 1, {"-k", "012-*"});
  CHECK(plain.by_id.at("012-still-works")["sandbox"].is_null());
  Report sandboxed = run_bank(scene, 1, {"-k", "012-*", "--sandbox"});
  CHECK(sandboxed.by_id.at("012-still-works")["sandbox"]["complete"] == true);
  CHECK(sandboxed.by_id.at("012-still-works")["tier"] == "process");
}

TEST_CASE("sandbox: doctor names every protection and why", "[sandbox]") {
  Ran ran = spawn({k_exe, "doctor"}, {});
  INFO(ran.out << ran.err);
  CHECK(ran.status == 0);
  for (const char* name : {"limits", "processes", "privileges", "filesystem", "syscalls", "network", "signals"}) {
    CHECK(ran.out.find(std::string(name) + ":") != std::string::npos);
  }
  Ran weaker = spawn({k_exe, "doctor"}, {{"SNIPCHECK_SANDBOX_SKIP", "seccomp"}});
  CHECK(weaker.status == 1);
  CHECK(weaker.out.find("MISSING  syscalls: seccomp left out") != std::string::npos);
}

namespace {

// How the suite runs sandboxed code: every mechanism, and each fallback it already exercises
// (no user namespaces; no Landlock, accepted with --allow-weaker-sandbox; neither); as this
// user and, when that is root, as an unprivileged one too.
struct Mode {
  std::string skip;  // SNIPCHECK_SANDBOX_SKIP
  As as = As::self;
};

std::vector<Mode> every_mode() {
  std::vector<Mode> modes;
  for (As as : {As::self, As::unprivileged}) {
    if (as == As::unprivileged && !can_run_unprivileged()) continue;
    for (const char* skip : {"", "userns", "landlock", "landlock,userns"}) modes.push_back({skip, as});
  }
  return modes;
}

std::string describe(const Mode& mode) {
  return "SNIPCHECK_SANDBOX_SKIP=" + mode.skip + (mode.as == As::unprivileged ? " as nobody" : " as this user");
}

}  // namespace

// Issue 9: sandboxed code held the worker's control socket, the runner's stderr and every
// memfd of the process tier; frames it wrote on fd 3 made the next questions crash.
TEST_CASE("sandbox: code holds only fds 0-2 and its own channel and forges no other job's result", "[sandbox]") {
  for (const Mode& mode : every_mode()) {
    for (const char* isolation : {"auto", "subinterpreter", "process"}) {
      for (const char* jobs : {"1", "2"}) {
        INFO(describe(mode) << ", --isolation " << isolation << ", -j " << jobs);
        Scene scene("sandbox-descriptors");
        auto before = snapshot(scene.root());
        Report report = run_bank(scene, 1, {"--isolation", isolation, "--allow-weaker-sandbox", "-j", jobs},
                                 {{"SNIPCHECK_SANDBOX_SKIP", mode.skip}}, mode.as);
        check_verdict(report, "001-list-fds", "pass", "");
        CHECK(report.by_id.at("001-list-fds")["stdout"] == "[0, 1, 2, 3]\n3 /memfd:snipcheck-result (deleted)\n");
        check_verdict(report, "002-forge-results", "pass", "");
        for (const char* id : {"003-honest", "004-honest", "005-honest", "006-honest"}) check_verdict(report, id, "pass", "");
        check_verdict(report, "007-scribble-and-die", "crash", "SIGKILL");
        check_verdict(report, "008-scribble-and-exit", "pass", "");
        // The stack of a sandboxed job comes back through its own channel.
        check_verdict(report, "009-stuck", "timeout", "stuck at line 4");
        check_verdict(report, "010-scribble-and-leave", "crash", "exited with status 0");
        check_verdict(report, "011-subprocess-fds", "pass", "");
        // What the code leaves on its channel after it started is never a refusal or an
        // internal error (exit 3), only its own job's crash.
        check_verdict(report, "012-forge-refusal", "crash", "result channel held a sandbox refusal");
        check_verdict(report, "013-forge-internal-error", "crash", "result channel held an internal error");
        const std::string grandchild = report.by_id.at("014-grandchild-forges")["reason"].get<std::string>();
        INFO("014-grandchild-forges: " << grandchild);
        CHECK(grandchild.find("internal error") == std::string::npos);
        CHECK(grandchild.find("FORGED") == std::string::npos);
        for (const char* id : {"015-honest", "016-honest"}) check_verdict(report, id, "pass", "");
        CHECK(report.ran.out.find("FORGED") == std::string::npos);
        CHECK(report.ran.err.find("crash_signal") == std::string::npos);  // nothing reached our stderr
        check_contained(scene, report, before);
      }
    }
  }
}

// Issue 9: os.environ was scrubbed, but the environment block (/proc/self/environ), the
// worker's and the supervisor's (/proc/<pid>/environ) still held the user's secrets.
TEST_CASE("sandbox: the runner's environment is nowhere sandboxed code can read it", "[sandbox]") {
  const std::string secret = "ghp_snipcheckTestSecret4f81c2a9";  // the snippet looks for this
  for (const Mode& mode : every_mode()) {
    INFO(describe(mode));
    Scene scene("sandbox-environ");
    const std::map<std::string, std::string> env = {{"SNIPCHECK_SANDBOX_SKIP", mode.skip},
                                                    {"SNIPCHECK_TEST_SECRET", secret}};
    // A run mixing sandboxed and unsandboxed questions: workers start with the user's environment.
    Report report = run_bank(scene, 1, {"--allow-weaker-sandbox"}, env, mode.as);
    check_verdict(report, "001-environment-blocks", "pass", "");
    CHECK(report.by_id.at("002-unsandboxed")["verdict"] == "pass");
    CHECK(report.ran.status == 0);
    // check: every job sandboxed.
    auto check_env = scene.env(1);
    for (const auto& [key, value] : env) check_env[key] = value;
    Ran ran = spawn(command(mode.as, {"check", "--question", "1", "--bank", scene.bank().string(), "--allow-weaker-sandbox",
                                      (scene.bank() / "snippets" / "001-environment-blocks.py").string()}),
                    check_env);
    INFO(ran.out << ran.err);
    CHECK(ran.status == 0);
    CHECK(ran.out.find("pass") != std::string::npos);
    CHECK(ran.out.find(secret) == std::string::npos);
  }
}
