#include "compare/environment.hpp"

#include <regex>
#include <string_view>
#include <utility>

namespace snipcheck {

namespace {

bool contains(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

bool contains_any(const std::string& text, std::initializer_list<std::string_view> needles) {
  for (std::string_view needle : needles) {
    if (contains(text, needle)) return true;
  }
  return false;
}

std::string module_reason(const PythonError& error) {
  std::string top = error.module.substr(0, error.module.find('.'));
  std::string reason = "module '" + top + "' is not installed on this machine";
  auto package = debian_package_for(top);
  if (package && !package->empty()) return reason + " (Debian package: " + *package + ")";
  if (package) return reason + " (not packaged by Debian 12)";
  return reason;
}

// The library frame a timed-out example was stuck in says whether it was serving or waiting.
// `endless`: a loop that only ends when something stops it (a serve loop, a blocking scheduler),
// as opposed to one that may still end by itself (sched.scheduler.run() returns once its queue is
// empty; a multiprocessing pool may just be busy).
struct StuckPlace {
  std::string_view frame;
  std::string_view reason;
  bool endless;
};

constexpr StuckPlace k_stuck_places[] = {
    {"/multiprocessing/", "multiprocessing cannot run in a sub-interpreter (it needs the process tier)", false},
    {"/socketserver.py", "a server that runs until it is stopped", true},
    {"/werkzeug/", "a web server (werkzeug) that runs until it is stopped", true},
    {"/uvicorn/", "a web server (uvicorn) that runs until it is stopped", true},
    {"/http/server.py", "a web server that runs until it is stopped", true},
    {"/apscheduler/", "a scheduler that runs until it is stopped", true},
    {"/sched.py", "a scheduler that runs until it is stopped", false},
    {"/pdb.py", "an interactive debugger waiting on standard input", true},
    {"/bdb.py", "an interactive debugger waiting on standard input", true},
};

const StuckPlace* stuck_place(const std::string& stack) {
  for (const StuckPlace& place : k_stuck_places) {
    if (contains(stack, place.frame)) return &place;
  }
  return nullptr;
}

std::optional<std::string> stuck_reason(const std::string& stack) {
  const StuckPlace* place = stuck_place(stack);
  if (place == nullptr) return std::nullopt;
  return std::string(place->reason);
}

std::optional<std::string> error_reason(const PythonError& error, const Outcome& outcome, const std::string& code) {
  const std::string& message = error.message;
  const std::string all = error.type + ": " + message + "\n" + error.traceback;
  if (error.type == "ModuleNotFoundError" && !error.module_installed) return module_reason(error);
  if (contains_any(all, {"Name or service not known", "Temporary failure in name resolution", "NameResolutionError",
                         "nodename nor servname", "No address associated with hostname", "getaddrinfo failed",
                         "Failed to resolve"})) {
    return "no network: a DNS lookup failed";
  }
  if (contains_any(all, {"Network is unreachable", "No route to host"})) return "no network: the host is unreachable";
  if (contains_any(all, {"connection to server", "could not connect to server", "Is the server running"})) {
    return "no database server to connect to";
  }
  if (contains_any(all, {"Connection refused", "ConnectionRefusedError", "NewConnectionError"})) {
    return "no server to connect to (connection refused)";
  }
  if (contains_any(all, {"NoCredentialsError", "Unable to locate credentials", "NoRegionError",
                         "You must specify a region", "DefaultCredentialsError"})) {
    return "no cloud credentials on this machine";
  }
  if (error.type == "ImproperlyConfigured" || error.type == "AppRegistryNotReady") {
    return "needs a configured Django project (settings), not a single file";
  }
  if (error.type == "EOFError" && contains(message, "EOF when reading a line")) {
    return "reads from standard input, which is empty here (input())";
  }
  if (error.type == "BdbQuit" || contains(outcome.stdout_text, "(Pdb)")) {
    return "an interactive debugger waiting on standard input";
  }
  if (error.type == "SyntaxError" && (contains(message, "f-string: expecting") || contains(message, "f-string: unmatched"))) {
    return "needs Python 3.12 (f-strings with nested quotes, PEP 701); this machine runs Python 3.11";
  }
  if (error.type == "ImportError" && contains(message, "relative import")) {
    return "a fragment of a package (a relative import)";
  }
  if (error.type == "SystemExit" && contains(outcome.stderr_text, "usage:")) {
    return "needs command-line arguments (it printed its usage and exited with status " + error.message + ")";
  }
  if (error.type == "ValueError" && contains(message, "signal only works in main thread")) {
    return "installs signal handlers (a server or its reloader), which a sub-interpreter cannot; it needs the "
           "process tier";
  }
  if (error.type == "FileNotFoundError") {
    static const std::regex name(R"(No such file or directory: '([^']+)')");
    std::smatch found;
    if (std::regex_search(message, found, name)) {
      std::string file = found[1].str();
      if (contains(error.traceback, "subprocess.py")) return "the command '" + file + "' is not installed on this machine";
      if (contains(code, "\"" + file) || contains(code, "'" + file)) {
        return "needs the file '" + file + "', which the example does not create";
      }
    }
  }
  if (error.type == "NameError") {
    static const std::regex name(R"(name '(\w+)' is not defined)");
    std::smatch found;
    if (std::regex_search(message, found, name)) {
      std::regex bound("(^|\\n)\\s*(def|class)\\s+" + found[1].str() + "\\b|\\b" + found[1].str() +
                       "\\s*=[^=]|import\\s.*\\b" + found[1].str() + "\\b");
      if (!std::regex_search(code, bound)) {
        return "a fragment: it uses '" + found[1].str() + "', which it never defines";
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> debian_package_for(const std::string& module) {
  // Modules that examples commonly import, with the Debian 12 package that provides each ("" when
  // Debian does not package it). Unknown modules: nullopt.
  static const std::pair<std::string_view, std::string_view> k_packages[] = {
      {"numpy", "python3-numpy"},       {"pandas", "python3-pandas"},       {"scipy", "python3-scipy"},
      {"sklearn", "python3-sklearn"},   {"matplotlib", "python3-matplotlib"}, {"requests", "python3-requests"},
      {"bs4", "python3-bs4"},           {"flask", "python3-flask"},         {"django", "python3-django"},
      {"fastapi", "python3-fastapi"},   {"uvicorn", "python3-uvicorn"},     {"starlette", "python3-starlette"},
      {"pydantic", "python3-pydantic"}, {"sqlalchemy", "python3-sqlalchemy"}, {"psycopg2", "python3-psycopg2"},
      {"pymysql", "python3-pymysql"},   {"dotenv", "python3-dotenv"},       {"cryptography", "python3-cryptography"},
      {"apscheduler", "python3-apscheduler"}, {"schedule", "python3-schedule"}, {"boto3", "python3-boto3"},
      {"botocore", "python3-botocore"}, {"pytest", "python3-pytest"},       {"pytest_asyncio", "python3-pytest-asyncio"},
      {"numba", "python3-numba"},       {"torch", "python3-torch"},         {"yaml", "python3-yaml"},
      {"ansible", "ansible-core"},      {"Cython", "cython3"},              {"cython", "cython3"},
      {"psutil", "python3-psutil"},     {"aiohttp", "python3-aiohttp"},     {"httpx", "python3-httpx"},
      {"lxml", "python3-lxml"},         {"PIL", "python3-pil"},             {"jinja2", "python3-jinja2"},
      {"redis", "python3-redis"},       {"celery", "python3-celery"},       {"line_profiler", "python3-line-profiler"},
      {"tensorflow", ""},               {"polars", ""},                     {"keras", ""},
  };
  for (const auto& [name, package] : k_packages) {
    if (name == module) return std::string(package);
  }
  return std::nullopt;
}

std::optional<std::string> environment_reason(const Outcome& outcome, const std::string& code, const std::string& /*path*/) {
  if (contains(outcome.stderr_text, "not main interpreter")) {
    return "os.fork / multiprocessing cannot run in a sub-interpreter (it needs the process tier)";
  }
  if (outcome.ending == Ending::timeout) return stuck_reason(outcome.stack);
  if (outcome.ending != Ending::finished || !outcome.error) return std::nullopt;
  return error_reason(*outcome.error, outcome, code);
}

bool stopped_in_endless_loop(const Outcome& outcome) {
  if (outcome.ending != Ending::timeout) return false;
  // Stopped while importing: a slow import on a busy machine, whatever module the stack passes by.
  if (contains(outcome.stack, "importlib._bootstrap")) return false;
  const StuckPlace* place = stuck_place(outcome.stack);
  return place != nullptr && place->endless;
}

}  // namespace snipcheck
