#include "runner/session.hpp"

#include <pybind11/embed.h>

#include <marshal.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "runner/prefault.hpp"
#include "runner/process_state.hpp"
#include "runner/stdin_input.hpp"

// CPython exports the function faulthandler uses to print every thread's stack without the GIL;
// its declaration lives in an internal header, so it is declared here.
extern "C" const char* _Py_DumpTracebackThreads(int fd, PyInterpreterState* interp, PyThreadState* current);

namespace py = pybind11;

namespace snipcheck {

namespace {

const char* const k_driver_source =
#include "runner/driver.py.inc"
    ;

constexpr const wchar_t* k_python = L"/usr/bin/python3";

std::atomic<PyInterpreterState*> g_running_interp{nullptr};
std::atomic<PyThreadState*> g_running_thread{nullptr};

// A sandboxed child holds one descriptor of its job, its result channel, at this number, and
// nothing else besides 0-2; its stack goes there too when the watchdog asks for it.
constexpr int k_channel_fd = 3;
// A sandboxed child's end of the starter's socket until its code starts (then closed).
constexpr int k_child_socket_fd = 4;
int g_child_channel = -1;

// One embedded CPython per process; pybind11's guard lives at namespace scope because its type
// is hidden from other translation units.
std::optional<py::scoped_interpreter> g_python;

std::string fetch_python_error() {
  PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &value, &traceback);
  std::string text = "unknown Python error";
  if (value != nullptr) {
    if (PyObject* str = PyObject_Str(value)) {
      if (const char* utf8 = PyUnicode_AsUTF8(str)) text = utf8;
      Py_DECREF(str);
    }
  }
  if (type != nullptr) text = std::string(reinterpret_cast<PyTypeObject*>(type)->tp_name) + ": " + text;
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(traceback);
  PyErr_Clear();
  return text;
}

// Threads other than `self` that still have a thread state in `interp`. A thread that has just
// finished may need a moment to delete its state, so this waits a little before answering.
int other_threads(PyInterpreterState* interp, PyThreadState* self) {
  int count = 0;
  for (int attempt = 0; attempt < 40; ++attempt) {
    count = 0;
    for (PyThreadState* t = PyInterpreterState_ThreadHead(interp); t != nullptr; t = PyThreadState_Next(t)) {
      if (t != self) ++count;
    }
    if (count == 0) return 0;
    Py_BEGIN_ALLOW_THREADS
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    Py_END_ALLOW_THREADS
  }
  return count;
}

// `_snipcheck_untraced(f)` in the driver: a C callable that calls f() with tracing and profiling
// suspended. The statement marks inserted into the snippet's code call one, so a snippet's own
// sys.settrace() or sys.setprofile() function sees no frame of the driver (python3 has none).
PyObject* call_untraced(PyObject* function, PyObject*) {
  PyThreadState* thread = PyThreadState_Get();
  PyThreadState_EnterTracing(thread);
  PyObject* returned = PyObject_CallNoArgs(function);
  PyThreadState_LeaveTracing(thread);
  return returned;
}

PyMethodDef k_call_untraced{"mark", call_untraced, METH_NOARGS, nullptr};

PyObject* make_untraced(PyObject*, PyObject* function) { return PyCFunction_New(&k_call_untraced, function); }

PyMethodDef k_make_untraced{"_snipcheck_untraced", make_untraced, METH_O, nullptr};

// Runs the driver's module code in a fresh dict of the current interpreter; nullptr on failure.
// `marshalled` is the driver's code object as marshal data (compiled once, in the main
// interpreter): reading it back costs a tenth of compiling the source in every sub-interpreter.
// The driver looks builtins up in a copy of the builtins taken now, before any snippet ran: a
// snippet that replaces or deletes one (`builtins.print = None`) changes its own namespace, not
// the driver's.
PyObject* load_driver(const std::string& marshalled = {}) {
  PyObject* globals = PyDict_New();
  PyObject* builtins = PyDict_Copy(PyEval_GetBuiltins());
  if (builtins == nullptr) {
    Py_DECREF(globals);
    return nullptr;
  }
  PyDict_SetItemString(globals, "__builtins__", builtins);
  Py_DECREF(builtins);
  if (PyObject* untraced = PyCFunction_New(&k_make_untraced, nullptr)) {
    PyDict_SetItemString(globals, "_snipcheck_untraced", untraced);
    Py_DECREF(untraced);
  }
  PyObject* compiled = marshalled.empty()
                           ? Py_CompileString(k_driver_source, "<snipcheck-driver>", Py_file_input)
                           : PyMarshal_ReadObjectFromString(marshalled.data(), static_cast<Py_ssize_t>(marshalled.size()));
  PyObject* loaded = compiled ? PyEval_EvalCode(compiled, globals, globals) : nullptr;
  Py_XDECREF(compiled);
  if (loaded == nullptr) {
    Py_DECREF(globals);
    return nullptr;
  }
  Py_DECREF(loaded);
  return globals;
}

// The driver's code object as marshal data, or "" (then each interpreter compiles the source).
std::string marshal_driver() {
  std::string data;
  PyObject* compiled = Py_CompileString(k_driver_source, "<snipcheck-driver>", Py_file_input);
  PyObject* bytes = compiled ? PyMarshal_WriteObjectToString(compiled, Py_MARSHAL_VERSION) : nullptr;
  if (bytes != nullptr) data.assign(PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes)));
  Py_XDECREF(bytes);
  Py_XDECREF(compiled);
  if (PyErr_Occurred()) PyErr_Clear();
  return data;
}

PyObject* string_list(const std::vector<std::string>& items) {
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(items.size()));
  for (std::size_t i = 0; i < items.size(); ++i) {
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), PyUnicode_FromString(items[i].c_str()));
  }
  return list;
}

// The driver's result (plain Python values) as JSON; other objects become their str().
nlohmann::json to_json_value(PyObject* value, int depth = 0) {
  if (value == Py_None || depth > 8) return nullptr;
  if (PyBool_Check(value)) return value == Py_True;
  if (PyLong_Check(value)) return PyLong_AsLongLong(value);
  if (PyUnicode_Check(value)) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(value, &size);
    if (utf8 == nullptr) {
      PyErr_Clear();
      return "<unencodable text>";
    }
    return std::string(utf8, static_cast<std::size_t>(size));
  }
  if (PyList_Check(value) || PyTuple_Check(value)) {
    nlohmann::json array = nlohmann::json::array();
    PyObject* sequence = PySequence_Fast(value, "");
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(sequence); ++i) {
      array.push_back(to_json_value(PySequence_Fast_GET_ITEM(sequence, i), depth + 1));
    }
    Py_DECREF(sequence);
    return array;
  }
  if (PyDict_Check(value)) {
    nlohmann::json object = nlohmann::json::object();
    PyObject *key = nullptr, *item = nullptr;
    Py_ssize_t position = 0;
    while (PyDict_Next(value, &position, &key, &item)) {
      if (!PyUnicode_Check(key)) continue;
      object[PyUnicode_AsUTF8(key)] = to_json_value(item, depth + 1);
    }
    return object;
  }
  PyObject* text = PyObject_Str(value);
  nlohmann::json converted = text ? to_json_value(text, depth + 1) : nlohmann::json();
  Py_XDECREF(text);
  if (PyErr_Occurred()) PyErr_Clear();
  return converted;
}

// The driver's keyword arguments for a job's probes: {"probes": [(line, mode, source), ...]}, or
// nullptr when it has none (the driver's default).
PyObject* probe_keywords(const std::vector<ProbeRequest>& probes) {
  if (probes.empty()) return nullptr;
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(probes.size()));
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const ProbeRequest& probe = probes[i];
    PyObject* source = PyUnicode_DecodeUTF8(probe.source.data(), static_cast<Py_ssize_t>(probe.source.size()), "replace");
    PyObject* item = source == nullptr ? nullptr
                                       : Py_BuildValue("(isN)", probe.line,
                                                       probe.mode == ProbeRequest::Mode::exec ? "exec" : "eval", source);
    if (item == nullptr) {  // out of memory: the driver gives this probe no result
      PyErr_Clear();
      Py_INCREF(Py_None);
      item = Py_None;
    }
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), item);
  }
  PyObject* keywords = Py_BuildValue("{s:N}", "probes", list);
  if (keywords == nullptr) PyErr_Clear();
  return keywords;
}

// The earlier blocks of the job's session (Job::before), run by the driver's
// _snipcheck_run_before() in __main__ before the job's own code: the list of those that raised
// (a new reference), nullptr when there are none to run, or an internal error.
PyObject* run_before(PyObject* globals, const Job& job, std::string& internal_error) {
  if (job.before.empty()) return nullptr;
  PyObject* function = globals ? PyDict_GetItemString(globals, "_snipcheck_run_before") : nullptr;
  if (function == nullptr) {
    internal_error = "driver failed to load: " + fetch_python_error();
    return nullptr;
  }
  PyObject* parts = PyList_New(static_cast<Py_ssize_t>(job.before.size()));
  for (std::size_t i = 0; i < job.before.size(); ++i) {
    const JobPart& part = job.before[i];
    PyObject* code = PyUnicode_FromStringAndSize(part.code.data(), static_cast<Py_ssize_t>(part.code.size()));
    PyObject* item = code == nullptr ? nullptr : Py_BuildValue("(sOs)", part.path.c_str(), code, part.mode.c_str());
    Py_XDECREF(code);
    if (item == nullptr) {
      Py_DECREF(parts);
      internal_error = "cannot pass an earlier block to the driver: " + fetch_python_error();
      return nullptr;
    }
    PyList_SET_ITEM(parts, static_cast<Py_ssize_t>(i), item);
  }
  PyObject* errors = PyObject_CallOneArg(function, parts);
  Py_DECREF(parts);
  if (errors == nullptr) internal_error = "driver failed on the earlier blocks: " + fetch_python_error();
  return errors;
}

// Calls the driver of `globals` for `job`; returns its result as JSON text, or an internal error.
std::string call_driver(PyObject* globals, const Job& job, bool whole_process, std::string& internal_error) {
  PyObject* function = globals ? PyDict_GetItemString(globals, "_snipcheck_run") : nullptr;
  if (function == nullptr) {
    internal_error = "driver failed to load: " + fetch_python_error();
    return {};
  }
  PyObject* before_errors = run_before(globals, job, internal_error);
  if (!internal_error.empty()) return {};
  PyObject* watched = string_list(job.process_modules);
  // The code with its length: a NUL in it must reach the driver, which reads it as python3 would.
  PyObject* code = PyUnicode_FromStringAndSize(job.code.data(), static_cast<Py_ssize_t>(job.code.size()));
  PyObject* arguments = code == nullptr ? nullptr
                                        : Py_BuildValue("(sOOOss)", job.path.c_str(), code, whole_process ? Py_True : Py_False,
                                                        watched, job.capture_nonce.c_str(), job.mode.c_str());
  PyObject* keywords = probe_keywords(job.probes);
  PyObject* returned = arguments == nullptr ? nullptr : PyObject_Call(function, arguments, keywords);
  Py_XDECREF(arguments);
  Py_XDECREF(keywords);
  Py_XDECREF(code);
  Py_DECREF(watched);
  // (code, namespace, finish): the snippet's code runs here, from C, so that its module frame
  // has no caller (f_back None, no driver frame in inspect.stack() or a warning's stacklevel),
  // as under python3; finish() gets the exception that ended it, or None, and makes the result.
  // A transcript's finish() returns the next prompt's (code, namespace, finish) until the last.
  while (returned != nullptr && PyTuple_Check(returned) && PyTuple_GET_SIZE(returned) == 3) {
    PyObject* compiled = PyTuple_GET_ITEM(returned, 0);
    PyObject* globals_of_main = PyTuple_GET_ITEM(returned, 1);
    PyObject* finish = PyTuple_GET_ITEM(returned, 2);
    Py_INCREF(finish);
    PyObject* ran = PyEval_EvalCode(compiled, globals_of_main, globals_of_main);
    Py_DECREF(returned);  // the code goes now: the result holds none of it
    PyObject* exception = Py_None;
    Py_INCREF(exception);
    if (ran == nullptr) {
      PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
      PyErr_Fetch(&type, &value, &traceback);
      PyErr_NormalizeException(&type, &value, &traceback);
      if (value != nullptr && traceback != nullptr) PyException_SetTraceback(value, traceback);
      Py_XDECREF(type);
      Py_XDECREF(traceback);
      if (value != nullptr) {
        Py_DECREF(exception);
        exception = value;
      }
    }
    Py_XDECREF(ran);
    returned = PyObject_CallOneArg(finish, exception);
    Py_DECREF(exception);
    Py_DECREF(finish);
  }
  std::string text;
  if (returned != nullptr && before_errors != nullptr && PyDict_Check(returned)) {
    PyDict_SetItemString(returned, "before_errors", before_errors);
  }
  Py_XDECREF(before_errors);
  if (returned == nullptr) {
    internal_error = "driver failed: " + fetch_python_error();
  } else if (PyDict_Check(returned)) {
    text = to_json_value(returned).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    internal_error = "driver returned something other than a dict";
  }
  Py_XDECREF(returned);
  return text;
}

void parse_driver_result(const std::string& text, SessionReport& report) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    report.internal_error = "driver returned malformed JSON";
    return;
  }
  report.exit_status = parsed.value("exit_status", 0);
  if (!parsed["error"].is_null()) report.error = parsed["error"].get<PythonError>();
  report.statements = parsed["statements"].get<std::vector<StatementOutput>>();
  if (parsed.contains("probes")) report.probes = probe_results_from_json(parsed["probes"]);
  report.watched_modules_loaded = parsed.value("watched_modules_loaded", std::vector<std::string>{});
  if (parsed.contains("before_errors") && parsed["before_errors"].is_array()) {
    report.before_errors = parsed["before_errors"].get<std::vector<PartError>>();
  }
  report.file_size_exceeded = parsed.value("file_size_exceeded", false);
}

void freeze_heap() {
  PyObject* gc = PyImport_ImportModule("gc");
  PyObject* done = gc ? PyObject_CallMethod(gc, "freeze", nullptr) : nullptr;
  Py_XDECREF(done);
  Py_XDECREF(gc);
  if (PyErr_Occurred()) PyErr_Clear();
}

std::string read_whole_file(const char* path) {
  std::string text;
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[4096];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  return text;
}

std::string read_whole(int fd) {
  std::string text;
  char buffer[65536];
  off_t offset = 0;
  for (ssize_t got; (got = ::pread(fd, buffer, sizeof buffer, offset)) > 0; offset += got) {
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

// The runner's environment may hold secrets (CI tokens): sandboxed code keeps only what code
// needs, and what the bank lets through. HOME and TMPDIR become the working directory (tempfile
// must not pick /tmp, which the sandbox cannot write; one imported before the fork may have).
bool scrub_environment(const Job& job) {
  static const char* const k_scrub =
      "import os, sys\n"
      "for _name in list(os.environ):\n"
      "    if _name not in _keep and not _name.startswith('LC_'):\n"
      "        del os.environ[_name]\n"
      "os.environ['HOME'] = os.environ['TMPDIR'] = _cwd\n"
      "if 'tempfile' in sys.modules:\n"
      "    sys.modules['tempfile'].tempdir = None\n";
  std::vector<std::string> keep = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM"};
  keep.insert(keep.end(), job.sandbox_env.begin(), job.sandbox_env.end());
  PyObject* scope = PyDict_New();
  PyDict_SetItemString(scope, "__builtins__", PyEval_GetBuiltins());
  PyObject* kept = string_list(keep);
  PyObject* cwd = PyUnicode_FromString(job.cwd.c_str());
  PyDict_SetItemString(scope, "_keep", kept);
  PyDict_SetItemString(scope, "_cwd", cwd);
  PyObject* done = PyRun_String(k_scrub, Py_file_input, scope, scope);
  const bool ok = done != nullptr;
  Py_XDECREF(done);
  Py_XDECREF(cwd);
  Py_XDECREF(kept);
  Py_DECREF(scope);
  if (PyErr_Occurred()) PyErr_Clear();
  return ok;
}

// The variables sandboxed code keeps (scrub_environment() keeps the same in os.environ).
bool kept_variable(const Job& job, std::string_view name) {
  static const char* const k_kept[] = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM"};
  if (name.starts_with("LC_")) return true;
  for (const char* kept : k_kept) {
    if (name == kept) return true;
  }
  return std::find(job.sandbox_env.begin(), job.sandbox_env.end(), name) != job.sandbox_env.end();
}

// The process's initial environment block (what /proc/self/environ shows, and what the worker
// inherited from the user: CI tokens, say) is zeroed; the variables kept are copied to the heap
// first. /proc/self/stat's fields 50 and 51 are where the block starts and ends.
void clear_environment_block(const Job& job) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text = *entry;
    std::size_t equals = text.find('=');
    if (equals == std::string_view::npos || !kept_variable(job, text.substr(0, equals))) continue;
    kept.emplace_back(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  std::string stat = read_whole_file("/proc/self/stat");
  ::clearenv();
  for (const auto& [name, value] : kept) ::setenv(name.c_str(), value.c_str(), 1);
  // The command name (field 2) may hold spaces and parentheses; the fields after it do not.
  std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return;
  std::vector<std::string_view> fields;  // fields[0] is field 3
  std::string_view rest = std::string_view(stat).substr(close + 1);
  for (std::size_t start = 0; start < rest.size();) {
    while (start < rest.size() && rest[start] == ' ') ++start;
    std::size_t end = rest.find(' ', start);
    if (end == std::string_view::npos) end = rest.size();
    if (end > start) fields.push_back(rest.substr(start, end - start));
    start = end;
  }
  if (fields.size() < 49) return;
  auto number = [](std::string_view text) {
    std::uintptr_t value = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::uintptr_t{0};
      value = value * 10 + static_cast<std::uintptr_t>(c - '0');
    }
    return value;
  };
  const std::uintptr_t begin = number(fields[47]), end = number(fields[48]);  // fields 50 and 51
  if (begin == 0 || end <= begin || end - begin > (std::uintptr_t{1} << 30)) return;
  std::memset(reinterpret_cast<void*>(begin), 0, end - begin);
}

// Sandboxed child (issue 5): confines this process, then writes the report as the first line of
// the result file (and into `line`). Returns false, with the refusal written, when a protection
// is missing and the job does not accept a weaker sandbox: the code must not run then.
bool enter_sandbox(const Job& job, int result_fd, std::string& line_text) {
  SandboxPolicy policy = default_policy(job.cwd, job.path, job.sandbox_exec);
  for (const JobPart& part : job.before) policy.read_only.push_back(part.path);  // as the snippet: read-only
  clear_environment_block(job);
  policy.limits.cpu_seconds = job.cpu_limit_s > 0 ? job.cpu_limit_s
                                                  : static_cast<std::uint64_t>((job.timeout_ms + 999) / 1000);
  policy.limits.processes = job.process_limit;
  policy.limits.open_files = job.open_files_limit;
  SandboxReport applied = apply_sandbox(policy);
  if (!scrub_environment(job)) applied.error = "could not clear the environment";
  const bool refused = !applied.error.empty() || (!applied.complete() && !job.sandbox_allow_weaker);
  nlohmann::json line = {{"sandbox", applied}, {"refused", refused}};
  line_text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  ssize_t ignored = ::write(result_fd, line_text.data(), line_text.size());
  (void)ignored;
  return !refused;
}

// The sandbox report the child wrote first; false when the child refused to run the code.
// The code may have written over its own channel and died before the child rewrote it: what is
// not a report then is no result either (the crash below says how the child ended).
// `code_started`: the child said its code starts ('C'), so the code may have written the line:
// a refusal there is then no refusal but the job's crash (issue 9, item 1). A child that
// refused never says it, and never runs the code.
bool take_sandbox_line(std::string& text, SessionReport& report, bool code_started) {
  std::size_t end = text.find('\n');
  if (end == std::string::npos) return true;  // failed or died before confining itself: below
  auto line = nlohmann::json::parse(text.substr(0, end), nullptr, false);
  text.erase(0, end + 1);
  if (!line.is_object() || !line.contains("sandbox") || !line["sandbox"].is_object()) {
    text.clear();
    return true;
  }
  try {
    report.sandbox = line["sandbox"].get<SandboxReport>();
  } catch (const nlohmann::json::exception&) {
    text.clear();
    return true;
  }
  if (!line.value("refused", false)) return true;
  if (code_started) {
    // No result either: the crash below (a signal, or this reason with the exit status). The
    // line's report of the sandbox stays: the code can change only its own job's result.
    report.crash_reason = "the job's result channel held a sandbox refusal, written after its code started";
    text.clear();
    return true;
  }
  std::string missing;
  for (const std::string& item : report.sandbox->missing()) missing += (missing.empty() ? "" : "; ") + item;
  report.internal_error = "the sandbox is incomplete, so the code was not run: " + missing;
  return false;
}

}  // namespace

struct Interpreter::State {
  PyThreadState* main_thread = nullptr;
  unsigned long switch_interval = 0;  // process-wide in 3.11: put back after every job
  // What `site` did in the main interpreter, replayed in each sub-interpreter (plain data:
  // no Python object is shared between interpreters).
  bool site_captured = false;
  std::vector<std::string> site_path;
  std::vector<std::string> site_pth_lines;
  bool site_customize = false;
  PyObject* main_driver = nullptr;  // the driver's globals in the main interpreter
  std::string marshalled_driver;    // its code, for sub-interpreters
  // The next job's sub-interpreter, made ahead (prepare_subinterpreter), and its driver.
  PyThreadState* prepared_thread = nullptr;
  PyObject* prepared_driver = nullptr;
  std::vector<std::string> preload;           // what the starter imports before its first child
  std::vector<std::string> preload_failures;  // reported by the starter, not yet taken
  // The process tier's starter (see start_process_tier) and the files a job passes through.
  pid_t starter_pid = -1;
  int starter_socket = -1;
  int job_fd = -1;
  int result_fd = -1;
  int pages_fd = -1;  // the starter's: where a learning child leaves the pages it wrote
  int taken_fd = -1;  // the starter's: where a child says it took the job
  int notes_fd = -1;  // the starter's preload failures, one per line, for the worker to report
  std::vector<int> worker_fds;  // the worker's own (its control socket, its log): no child keeps them
};

namespace {

void replay_site(PyObject* driver, const Interpreter::State& state) {
  PyObject* function = driver ? PyDict_GetItemString(driver, "_snipcheck_replay_site") : nullptr;
  if (function == nullptr) return;
  PyObject* paths = string_list(state.site_path);
  PyObject* lines = string_list(state.site_pth_lines);
  PyObject* done = PyObject_CallFunction(function, "OOO", paths, lines, state.site_customize ? Py_True : Py_False);
  Py_XDECREF(done);
  Py_DECREF(paths);
  Py_DECREF(lines);
  if (PyErr_Occurred()) PyErr_Clear();
}

}  // namespace

Interpreter::Interpreter(const std::vector<std::string>& preload) : m_state(std::make_unique<State>()) {
  PyPreConfig preconfig;
  PyPreConfig_InitIsolatedConfig(&preconfig);
  preconfig.utf8_mode = 1;
  PyStatus status = Py_PreInitialize(&preconfig);
  if (PyStatus_Exception(status)) throw std::runtime_error("Python pre-initialisation failed");

  // Isolated: no PYTHON* variables, no user site. Embedded, sys.executable would otherwise be
  // whatever python3 is first on PATH; subprocess and multiprocessing need the real one.
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  PyConfig_SetString(&config, &config.program_name, k_python);
  PyConfig_SetString(&config, &config.executable, k_python);
  PyConfig_SetString(&config, &config.stdio_encoding, L"utf-8");
  // As python3 in UTF-8 mode (and in the C, POSIX and C.UTF-8 locales): a lone surrogate such
  // as '\ud800' cannot be printed (UnicodeEncodeError), one from undecodable bytes is written back
  // as those bytes. backslashreplace made an error program print.
  PyConfig_SetString(&config, &config.stdio_errors, L"surrogateescape");
  config.install_signal_handlers = 0;  // the worker's signals are the supervisor's business
  config.parse_argv = 0;
  config.safe_path = 1;
  g_python.emplace(&config, 0, nullptr, false);
  PyConfig_Clear(&config);
  m_state->main_thread = PyThreadState_Get();
  m_state->switch_interval = _PyEval_GetSwitchInterval();

  // The main interpreter keeps a compiled driver (for routing and for forked children) and the
  // preloaded modules, which every forked child then has without importing them again.
  m_state->main_driver = load_driver();
  m_state->marshalled_driver = marshal_driver();
  // `site` costs about half of a new sub-interpreter. The main interpreter ran it once; each
  // sub-interpreter gets the result instead (sys.path, the builtins it adds, .pth import lines,
  // sitecustomize), which the driver replays in a fraction of the time.
  if (PyObject* capture = m_state->main_driver ? PyDict_GetItemString(m_state->main_driver, "_snipcheck_site_state") : nullptr) {
    PyObject* state = PyObject_CallNoArgs(capture);
    if (state != nullptr) {
      nlohmann::json plain = to_json_value(state);
      m_state->site_path = plain.at(0).get<std::vector<std::string>>();
      m_state->site_pth_lines = plain.at(1).get<std::vector<std::string>>();
      m_state->site_customize = plain.at(2).get<bool>();
      m_state->site_captured = true;
    }
    Py_XDECREF(state);
    if (PyErr_Occurred()) PyErr_Clear();
  }
  if (m_state->site_captured) {
    const_cast<PyConfig*>(_PyInterpreterState_GetConfig(PyInterpreterState_Main()))->site_import = 0;
  }
  // Forked children then find what the driver imports already imported.
  for (const char* module : {"_ast", "linecache", "traceback", "importlib.util", "atexit"}) {
    Py_XDECREF(PyImport_ImportModule(module));
    if (PyErr_Occurred()) PyErr_Clear();
  }
  // Imported by the process tier's starter, when the first job reaches it (start_process_tier).
  m_state->preload = preload;
}

Interpreter::~Interpreter() = default;

std::vector<std::string> Interpreter::take_preload_failures() { return std::exchange(m_state->preload_failures, {}); }

namespace {

// The tier the earlier blocks of a job's session (Job::before) need: they run in the same
// interpreter, so one that imports numpy sends the whole job to the process tier. `own` is the
// route of the job's own code, kept when no part needs more.
Route route_before(PyObject* route_function, const Job& job, const Route& own) {
  PyObject* extra = string_list(job.process_modules);
  Route route = own;
  for (const JobPart& part : job.before) {
    PyObject* code = PyUnicode_FromStringAndSize(part.code.data(), static_cast<Py_ssize_t>(part.code.size()));
    PyObject* returned = code == nullptr ? nullptr : PyObject_CallFunction(route_function, "OO", code, extra);
    Py_XDECREF(code);
    const char* tier = nullptr;
    const char* reason = nullptr;
    std::string found_tier = "process", found_reason = "routing failed";
    if (returned != nullptr && PyArg_ParseTuple(returned, "ss", &tier, &reason)) {
      found_tier = tier;
      found_reason = reason;
    }
    if (PyErr_Occurred()) PyErr_Clear();
    Py_XDECREF(returned);
    if (found_tier == "process") {
      route = {"process", "an earlier block of its session (" + std::filesystem::path(part.path).filename().string() +
                              ") " + found_reason};
      break;
    }
  }
  Py_DECREF(extra);
  return route;
}

}  // namespace

Route Interpreter::route(const Job& job) {
  // A sub-interpreter is no security boundary: untrusted code always gets a process of its own.
  if (job.sandbox) return {"process", "sandboxed (untrusted code runs in a confined process of its own)"};
  if (job.isolation == "subinterpreter") return {"subinterpreter", "isolation = \"subinterpreter\""};
  if (job.isolation == "process") return {"process", "isolation = \"process\""};
  PyObject* function = m_state->main_driver ? PyDict_GetItemString(m_state->main_driver, "_snipcheck_route") : nullptr;
  if (function == nullptr) return {"process", "routing unavailable"};
  PyObject* extra = string_list(job.process_modules);
  PyObject* code = PyUnicode_FromStringAndSize(job.code.data(), static_cast<Py_ssize_t>(job.code.size()));
  PyObject* returned = code == nullptr ? nullptr : PyObject_CallFunction(function, "OO", code, extra);
  Py_XDECREF(code);
  Py_DECREF(extra);
  Route route{"process", "routing failed"};
  const char* tier = nullptr;
  const char* reason = nullptr;
  if (returned != nullptr && PyArg_ParseTuple(returned, "ss", &tier, &reason)) route = {tier, reason};
  if (PyErr_Occurred()) PyErr_Clear();
  Py_XDECREF(returned);
  if (route.tier == "subinterpreter") route = route_before(function, job, route);
  return route;
}

void Interpreter::prepare_subinterpreter() {
  State& state = *m_state;
  if (state.prepared_thread != nullptr) return;
  PyThreadState* thread = Py_NewInterpreter();
  if (thread == nullptr) {
    PyThreadState_Swap(state.main_thread);
    return;
  }
  PyObject* driver = load_driver(state.marshalled_driver);
  if (state.site_captured) replay_site(driver, state);
  if (PyErr_Occurred()) PyErr_Clear();
  state.prepared_thread = thread;
  state.prepared_driver = driver;
  PyThreadState_Swap(state.main_thread);
}

SessionReport Interpreter::run_subinterpreter(const Job& job) {
  SessionReport report;
  State& state = *m_state;
  if (state.prepared_thread == nullptr) prepare_subinterpreter();
  PyThreadState* thread = state.prepared_thread;
  PyObject* driver = state.prepared_driver;
  state.prepared_thread = nullptr;
  state.prepared_driver = nullptr;
  if (thread == nullptr) {
    report.internal_error = "Py_NewInterpreter failed";
    return report;
  }
  PyThreadState_Swap(thread);
  PyInterpreterState* interp = PyThreadState_GetInterpreter(thread);
  g_running_thread.store(thread);
  g_running_interp.store(interp);

  std::string text = call_driver(driver, job, false, report.internal_error);
  Py_XDECREF(driver);
  if (report.internal_error.empty()) parse_driver_result(text, report);

  // A thread still running would make Py_EndInterpreter abort the process ("not the last
  // thread"); leave the interpreter as it is and let the worker be replaced instead.
  if (int left = other_threads(interp, thread); left > 0) {
    report.taint = std::to_string(left) + " thread(s) still running after the snippet ended";
    return report;
  }
  g_running_interp.store(nullptr);
  g_running_thread.store(nullptr);
  Py_EndInterpreter(thread);
  PyThreadState_Swap(m_state->main_thread);
  _PyEval_SetSwitchInterval(m_state->switch_interval);
  // numpy and its kind import once per process: the next import in a new sub-interpreter crashes.
  if (!report.watched_modules_loaded.empty()) {
    report.taint = report.watched_modules_loaded.front() + " was imported in a sub-interpreter (it cannot be imported "
                   "again in this process)";
  }
  return report;
}

namespace {

// What the starter and a job's child tell the worker over their socket:
//   'P'  the starter has imported the preload modules (once, before the first job's child);
//   'S'  a child took the job (pid);
//   'R'  it wrote its result and is about to exit, with nothing of the snippet left running;
//   'E'  it ended (pid, wait status);
//   'F'  the starter could not fork.
struct StarterMessage {
  char kind = 0;
  pid_t pid = 0;
  int status = 0;
};

bool send_message(int fd, char kind, pid_t pid, int status = 0) {
  StarterMessage message{kind, pid, status};
  return ::send(fd, &message, sizeof message, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof message);
}

std::optional<StarterMessage> receive_message(int fd) {
  StarterMessage message;
  for (;;) {
    ssize_t got = ::recv(fd, &message, sizeof message, 0);
    if (got == static_cast<ssize_t>(sizeof message)) return message;
    if (got < 0 && errno == EINTR) continue;
    return std::nullopt;
  }
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;
    done += static_cast<std::size_t>(wrote);
  }
}

// Waits for the worker's go (one byte); false when the worker is gone.
bool receive_go(int socket) {
  char go = 0;
  ssize_t got = 0;
  while ((got = ::recv(socket, &go, 1, 0)) < 0 && errno == EINTR) {
  }
  return got == 1;
}

// A child of the starter, forked before its job exists: waits for the worker's go, takes the
// job from the job file, becomes the job's process and never returns.
// `hot`: pages to write before the job (a child that learns gets none); `pages_fd`: where a
// learning child leaves the pages it wrote, or -1.
// `has_go`: the starter already received this child's go.
[[noreturn]] void serve_one_job(Interpreter::State& state, int socket, const std::vector<PageRun>& hot, int pages_fd,
                                bool has_go);

// The starter's loop. One child (the spare) is always forked ahead and waiting for a job; when
// it takes one, the next spare is forked and prefaulted at once, while the job runs, so neither
// the fork nor the prefault is on the next job's path when a core is free.
[[noreturn]] void starter_main(Interpreter::State& state, int socket) {
  int taken[2];
  if (::pipe2(taken, O_CLOEXEC) != 0) ::_exit(0);
  state.taken_fd = taken[1];
  HotPages pages;
  long forked = 0;
  struct Child {
    pid_t pid = -1;
    bool learning = false;
  };
  auto fork_spare = [&](bool has_go) -> Child {
    // Learn from the first children and then from one in 16; the others get the pages.
    const bool learning = forked < 8 || forked % 16 == 0;
    ++forked;
    const pid_t starter = ::getpid();
    PyOS_BeforeFork();
    pid_t pid = ::fork();
    if (pid == 0) {
      PyOS_AfterFork_Child();
      // A snippet that kills its parent (the starter) ends its own job with it, as a crash the
      // worker reports (run_process), and never runs on as an orphan.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != starter) ::_exit(0);
      ::close(taken[0]);
      static const std::vector<PageRun> none;
      serve_one_job(state, socket, learning ? none : pages.hot(), learning ? state.pages_fd : -1, has_go);
    }
    PyOS_AfterFork_Parent();
    if (pid < 0) {
      // Nothing to run the next job with: the worker hears of a child that ended at once.
      send_message(socket, 'F', -1);
      ::_exit(0);
    }
    return {pid, learning};
  };
  // The bank's preload modules are imported when the first job arrives, so a worker that only
  // ever runs sub-interpreter jobs never pays for them, and that job's child has them too.
  if (!receive_go(socket)) ::_exit(0);
  std::string notes;
  for (const std::string& module : state.preload) {
    PyObject* imported = PyImport_ImportModule(module.c_str());
    if (imported == nullptr) notes += module + ": " + fetch_python_error() + "\n";
    Py_XDECREF(imported);
  }
  write_all(state.notes_fd, notes);
  if (!send_message(socket, 'P', 0)) ::_exit(0);  // the job's clock starts now
  // Objects every child inherits stay out of its garbage collections: a collection touching
  // them all would copy every page of the heap (copy-on-write) for nothing.
  freeze_heap();
  Child spare = fork_spare(true);
  for (;;) {
    pid_t took = 0;
    ssize_t got = 0;
    while ((got = ::read(taken[0], &took, sizeof took)) < 0 && errno == EINTR) {
    }
    if (got != static_cast<ssize_t>(sizeof took)) ::_exit(0);
    if (took != spare.pid) continue;
    const Child running = spare;
    spare = fork_spare(false);
    int status = 0;
    while (::waitpid(running.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!send_message(socket, 'E', running.pid, status)) ::_exit(0);  // the worker is gone
    if (running.learning) {
      std::string written = read_whole(state.pages_fd);
      std::vector<PageRun> runs(written.size() / sizeof(PageRun));
      if (!runs.empty()) {
        std::memcpy(runs.data(), written.data(), runs.size() * sizeof(PageRun));
        pages.learn(runs);
      }
      if (::ftruncate(state.pages_fd, 0) != 0) ::_exit(0);
    }
  }
}

}  // namespace

// The starter: a single-threaded copy of the worker, made once before any job ran and before
// the watchdog thread exists. It never runs Python itself; it forks one child per job, ahead of
// the job, and reports when that child ends. Forking from it rather than from the worker keeps
// the worker's own pages out of copy-on-write (every write the worker made after a fork faulted,
// and each fault flushed the TLB of both its threads' CPUs), takes the fork off the job's path,
// and gives every job the same untouched interpreter, whatever ran in the worker before.
void Interpreter::start_process_tier(const std::vector<int>& worker_fds) {
  m_state->worker_fds = worker_fds;
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) return;
  int job_fd = ::memfd_create("snipcheck-job", MFD_CLOEXEC);
  int result_fd = ::memfd_create("snipcheck-result", MFD_CLOEXEC);
  int pages_fd = ::memfd_create("snipcheck-pages", MFD_CLOEXEC);
  int notes_fd = ::memfd_create("snipcheck-notes", MFD_CLOEXEC);
  if (job_fd < 0 || result_fd < 0 || pages_fd < 0 || notes_fd < 0) {
    for (int fd : {sockets[0], sockets[1], job_fd, result_fd, pages_fd, notes_fd}) if (fd >= 0) ::close(fd);
    return;
  }
  m_state->job_fd = job_fd;
  m_state->result_fd = result_fd;
  m_state->pages_fd = pages_fd;
  m_state->notes_fd = notes_fd;
  const pid_t worker = ::getpid();
  PyOS_BeforeFork();
  pid_t pid = ::fork();
  if (pid == 0) {
    PyOS_AfterFork_Child();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != worker) ::_exit(0);
    ::close(sockets[0]);
    starter_main(*m_state, sockets[1]);
  }
  PyOS_AfterFork_Parent();
  ::close(sockets[1]);
  ::close(pages_fd);
  if (pid < 0) {
    ::close(sockets[0]);
    return;
  }
  keep_child(pid);
  m_state->starter_pid = pid;
  m_state->starter_socket = sockets[0];
}

void Interpreter::stop_process_tier() {
  State& state = *m_state;
  if (state.starter_pid > 0) {
    ::kill(state.starter_pid, SIGKILL);
    while (::waitpid(state.starter_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    forget_child(state.starter_pid);
  }
  // The spare notices: its read of the worker's go ends with nothing.
  for (int* fd : {&state.starter_socket, &state.job_fd, &state.result_fd, &state.notes_fd}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  state.starter_pid = -1;
}

namespace {

[[noreturn]] void serve_one_job(Interpreter::State& state, int socket, const std::vector<PageRun>& hot, int pages_fd,
                                bool has_go) {
  const int job_fd = state.job_fd;
  int result_fd = state.result_fd;
  if (pages_fd < 0) ::close(state.pages_fd);
  populate_pages(hot);
  if (!has_go && !receive_go(socket)) ::_exit(0);  // the worker is gone
  const pid_t self = ::getpid();
  // The starter forks the next spare now; the worker learns which process runs the job.
  if (::write(state.taken_fd, &self, sizeof self) != static_cast<ssize_t>(sizeof self)) ::_exit(0);
  ::close(state.taken_fd);
  if (!send_message(socket, 'S', self)) ::_exit(0);
  auto fail = [&](const std::string& why) {
    write_all(result_fd, nlohmann::json{{"internal_error", why}}.dump() + "\n");
    ::_exit(0);
  };
  auto parsed = nlohmann::json::parse(read_whole(job_fd), nullptr, false);
  if (!parsed.is_object()) fail("the job reached the process tier malformed");
  Job job = parsed.get<Job>();
  // The worker's control socket and log are of no use to the snippet (and would let it talk
  // to the supervisor, or write onto the user's terminal).
  for (int fd : state.worker_fds) {
    if (fd != result_fd && fd != job_fd && fd != socket && fd != pages_fd) ::close(fd);
  }
  if (job.sandbox) {
    // Sandboxed code keeps 0-2 and its own result channel, nothing shared with the worker or
    // another job: not the job file, the starter's socket (the worker learns the end from the
    // starter; the child holds it only until its code starts), the notes, the pages (no child
    // learns from sandboxed code), the stack file.
    if (::dup2(result_fd, k_channel_fd) != k_channel_fd) fail(std::string("cannot place the result channel: ") + std::strerror(errno));
    result_fd = k_channel_fd;
    ::fcntl(k_channel_fd, F_SETFD, FD_CLOEXEC);  // not for a program it may run (sandbox_subprocess)
    // The socket stays until the code starts, to say so ('C'): what the worker reads on the
    // channel after that may be the code's (run_process).
    if (::dup2(socket, k_child_socket_fd) != k_child_socket_fd) fail(std::string("cannot place the starter's socket: ") + std::strerror(errno));
    socket = k_child_socket_fd;
    ::fcntl(socket, F_SETFD, FD_CLOEXEC);
    ::close_range(k_child_socket_fd + 1, ~0U, 0);
    pages_fd = -1;
    g_child_channel = k_channel_fd;
    // The worker made itself undumpable (worker_main); the sandbox's process is its own again:
    // it reads its /proc files, and writes its uid_map there. (An unsandboxed job's process
    // stays undumpable: its environment is the user's.)
    ::prctl(PR_SET_DUMPABLE, 1);
  }
  // The worker entered the job's directory and limits; this process was forked before that.
  if (::chdir(job.cwd.c_str()) != 0) fail("cannot enter " + job.cwd + ": " + std::strerror(errno));
  // Its input case on fd 0 (its own file: the starter's /dev/null stays the starter's), before
  // the limits and the sandbox.
  if (job.stdin_text) {
    if (std::string error = place_stdin(*job.stdin_text); !error.empty()) fail(error);
  }
  rlimit fsize{};
  ::getrlimit(RLIMIT_FSIZE, &fsize);
  apply_job_limits(job);
  std::string sandbox_line;
  if (job.sandbox) {
    if (!enter_sandbox(job, result_fd, sandbox_line)) ::_exit(0);  // refused: no 'C', no code
    // From here the channel is the code's too; the code never holds the socket.
    if (!send_message(socket, 'C', self)) ::_exit(0);
    ::close(socket);
    socket = -1;
  }
  g_running_thread.store(PyThreadState_Get());
  g_running_interp.store(PyThreadState_GetInterpreter(PyThreadState_Get()));
  std::string internal_error;
  std::string text = call_driver(state.main_driver, job, true, internal_error);
  // A process the snippet forked ends here too, as a script's would; only the child reports.
  if (::getpid() != self) ::_exit(0);
  if (!internal_error.empty()) text = nlohmann::json{{"internal_error", internal_error}}.dump();
  if (file_size_limit_hit()) {
    auto parsed_result = nlohmann::json::parse(text, nullptr, false);
    if (parsed_result.is_object()) {
      parsed_result["file_size_exceeded"] = true;
      text = parsed_result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  // The result file is ours, not the snippet's: its file-size limit must not cut it (a sandbox
  // made the limit hard, and then it stays).
  ::setrlimit(RLIMIT_FSIZE, &fsize);
  if (job.sandbox) {
    // The channel is the code's to write on while it runs: what it left there is replaced.
    text = sandbox_line + text;
    if (::ftruncate(result_fd, 0) != 0 || ::pwrite(result_fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
      ::_exit(0);
    }
    ::_exit(0);  // the worker learns the end from the starter ('E')
  }
  write_all(result_fd, text);
  // Tearing down the address space takes a while (5 ms with pandas loaded). When no thread or
  // process of the snippet is left to write more output or to be orphaned to the worker, the
  // worker need not wait for it.
  if (live_children().empty() && thread_count() == 1) send_message(socket, 'R', self);
  if (pages_fd >= 0) {
    std::vector<PageRun> written = own_written_pages();
    const std::size_t size = written.size() * sizeof(PageRun);
    if (::pwrite(pages_fd, written.data(), size, 0) != static_cast<ssize_t>(size)) ::_exit(0);
  }
  ::_exit(0);
}

}  // namespace

SessionReport Interpreter::run_process(const Job& job, const std::function<void(pid_t, int)>& on_child,
                                       const std::function<void()>& on_preloaded) {
  SessionReport report;
  State& state = *m_state;
  if (state.starter_socket < 0) {
    report.internal_error = "the process tier could not start";
    return report;
  }
  // The job and a clean result file, then the go: the child waiting for it has been forked.
  const std::string text = nlohmann::json(job).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (::ftruncate(state.job_fd, 0) != 0 || ::pwrite(state.job_fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()) ||
      ::ftruncate(state.result_fd, 0) != 0 || ::lseek(state.result_fd, 0, SEEK_SET) != 0) {
    report.internal_error = std::string("cannot hand the job over: ") + std::strerror(errno);
    return report;
  }
  const char go = 'J';
  if (::send(state.starter_socket, &go, 1, MSG_NOSIGNAL) != 1) {
    report.internal_error = "the process tier's starter is gone";
    return report;
  }
  // Until the end of this job's child: an 'E' of an earlier job's child, which sent its 'R'
  // before it exited, may come first and is passed over.
  pid_t child = 0;
  int status = 0;
  bool code_started = false;  // a sandboxed child's 'C'
  for (;;) {
    std::optional<StarterMessage> message = receive_message(state.starter_socket);
    if (!message && child != 0) {
      // The starter died while the job ran (the snippet killed its parent, say): the job's
      // child died with it and, as the worker is a subreaper, is ours to reap.
      on_child(0, -1);
      report.taint = "the process tier's starter died during the job";
      int died = 0;
      pid_t reaped = 0;
      while ((reaped = ::waitpid(child, &died, 0)) < 0 && errno == EINTR) {
      }
      if (reaped == child && WIFSIGNALED(died)) report.crash_signal = WTERMSIG(died);
      else if (reaped == child && WIFEXITED(died)) report.crash_status = WEXITSTATUS(died);
      else report.crash_signal = SIGKILL;
      return report;
    }
    if (!message || message->kind == 'F') {
      if (child != 0) on_child(0, -1);
      report.internal_error = message ? "the process tier's starter could not fork" : "the process tier's starter is gone";
      return report;
    }
    if (message->kind == 'P') {
      if (on_preloaded) on_preloaded();
      continue;
    }
    if (message->kind == 'S' && child == 0) {
      child = message->pid;
      on_child(child, job.sandbox ? state.result_fd : -1);
      continue;
    }
    if (child == 0 || message->pid != child) continue;
    if (message->kind == 'C') {
      code_started = true;
      continue;
    }
    if (message->kind == 'R') break;  // status 0: it is exiting normally
    if (message->kind == 'E') {
      status = message->status;
      break;
    }
  }
  on_child(0, -1);
  // The snippet killed its parent, the starter: its child, and so the job, dies with it, even
  // if it got as far as reporting before the starter was gone.
  if (process_is_ending(state.starter_pid)) {
    report.taint = "the process tier's starter died during the job";
    report.crash_signal = SIGKILL;
    return report;
  }
  if (std::string notes = read_whole(state.notes_fd); !notes.empty()) {
    for (std::size_t start = 0, end; start < notes.size(); start = end + 1) {
      end = notes.find('\n', start);
      if (end == std::string::npos) end = notes.size();
      if (end > start) state.preload_failures.push_back(notes.substr(start, end - start));
    }
    if (::ftruncate(state.notes_fd, 0) != 0) state.preload_failures.emplace_back("(could not clear the starter's notes)");
  }
  std::string result = read_whole(state.result_fd);
  if (job.sandbox && !take_sandbox_line(result, report, code_started)) return report;
  if (WIFSIGNALED(status)) {
    report.crash_signal = WTERMSIG(status);
    return report;
  }
  if (result.empty()) {
    report.crash_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return report;
  }
  auto parsed = nlohmann::json::parse(result, nullptr, false);
  if (job.sandbox) {
    // The code can leave what it likes on its channel when it ends the child itself (os._exit):
    // what is not the driver's result is no result, and the job ends as a crash.
    SessionReport parsed_report = report;
    bool valid = parsed.is_object() && !parsed.contains("internal_error");
    if (valid) {
      try {
        parse_driver_result(result, parsed_report);
      } catch (const nlohmann::json::exception&) {
        valid = false;
      }
    }
    if (!valid || !parsed_report.internal_error.empty()) {
      const bool says_internal = parsed.is_object() && parsed.contains("internal_error") && parsed["internal_error"].is_string();
      if (says_internal && !code_started) {
        report.internal_error = parsed["internal_error"].get<std::string>();  // the child's, before the code
      } else if (says_internal) {
        // Once the code started, an internal error on the channel may be the code's: its own
        // job's crash, never the run's exit 3 (issue 9, item 1).
        report.crash_reason = "the job's result channel held an internal error, written after its code started";
        report.crash_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      } else {
        report.crash_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      return report;
    }
    return parsed_report;
  }
  if (parsed.is_object() && parsed.contains("internal_error")) {
    report.internal_error = parsed["internal_error"].get<std::string>();
    return report;
  }
  parse_driver_result(result, report);
  return report;
}

int Interpreter::stack_channel() { return g_child_channel; }

void Interpreter::dump_running_stack(int fd) {
  PyInterpreterState* interp = g_running_interp.load();
  if (interp == nullptr) return;
  _Py_DumpTracebackThreads(fd, interp, g_running_thread.load());
}

}  // namespace snipcheck
