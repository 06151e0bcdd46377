#include "runner/session.hpp"

#include <pybind11/embed.h>

#include <chrono>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

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
  if (type != nullptr) {
    text = std::string(reinterpret_cast<PyTypeObject*>(type)->tp_name) + ": " + text;
  }
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

// Calls the driver in the current (fresh) interpreter and parses what it returns.
SessionReport call_driver(const Job& job) {
  SessionReport report;
  PyObject* globals = PyDict_New();
  PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
  PyObject* compiled = Py_CompileString(k_driver_source, "<snipcheck-driver>", Py_file_input);
  PyObject* loaded = compiled ? PyEval_EvalCode(compiled, globals, globals) : nullptr;
  Py_XDECREF(compiled);
  PyObject* function = loaded ? PyDict_GetItemString(globals, "_snipcheck_run") : nullptr;
  PyObject* returned = function ? PyObject_CallFunction(function, "ss", job.path.c_str(), job.code.c_str()) : nullptr;
  if (returned == nullptr) {
    report.internal_error = "driver failed: " + fetch_python_error();
  } else if (const char* text = PyUnicode_AsUTF8(returned)) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
      report.internal_error = "driver returned malformed JSON";
    } else {
      report.exit_status = parsed.value("exit_status", 0);
      if (!parsed["error"].is_null()) report.error = parsed["error"].get<PythonError>();
      report.statements = parsed["statements"].get<std::vector<StatementOutput>>();
    }
  } else {
    report.internal_error = "driver returned a non-string: " + fetch_python_error();
  }
  Py_XDECREF(returned);
  Py_XDECREF(loaded);
  Py_DECREF(globals);
  return report;
}

// One embedded CPython per process; pybind11's guard lives at namespace scope because its type
// is hidden from other translation units.
std::optional<py::scoped_interpreter> g_python;

}  // namespace

struct Interpreter::State {
  PyThreadState* main_thread = nullptr;
};

Interpreter::Interpreter() : m_state(std::make_unique<State>()) {
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
  PyConfig_SetString(&config, &config.stdio_errors, L"backslashreplace");
  config.install_signal_handlers = 0;  // the worker's signals are the supervisor's business
  config.parse_argv = 0;
  config.safe_path = 1;
  g_python.emplace(&config, 0, nullptr, false);
  PyConfig_Clear(&config);
  m_state->main_thread = PyThreadState_Get();
}

Interpreter::~Interpreter() = default;

SessionReport Interpreter::run(const Job& job) {
  PyThreadState* thread = Py_NewInterpreter();
  if (thread == nullptr) {
    PyThreadState_Swap(m_state->main_thread);
    SessionReport report;
    report.internal_error = "Py_NewInterpreter failed";
    return report;
  }
  PyInterpreterState* interp = PyThreadState_GetInterpreter(thread);
  g_running_thread.store(thread);
  g_running_interp.store(interp);

  SessionReport report = call_driver(job);

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
  return report;
}

void Interpreter::dump_running_stack(int fd) {
  PyInterpreterState* interp = g_running_interp.load();
  if (interp == nullptr) return;
  _Py_DumpTracebackThreads(fd, interp, g_running_thread.load());
}

}  // namespace snipcheck
