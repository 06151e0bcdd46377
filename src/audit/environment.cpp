#include "audit/environment.hpp"

#include <string_view>
#include <utility>

#include "util/regex.hpp"

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

// The Python this machine runs (Debian 12's, which snipcheck embeds).
constexpr std::string_view k_this_python = "3.11";

std::string needs_python(std::string_view version, const std::string& what) {
  return "needs Python " + std::string(version) + " (" + what + "); this machine runs Python " + std::string(k_this_python);
}

// Syntax that a later Python accepts, told from the SyntaxError's message or from the line it names.
struct LaterSyntax {
  std::string_view message;  // a part of the SyntaxError's message, or "" to test the line
  std::string_view line;     // a regex for the offending line, or ""
  std::string_view version;
  std::string_view what;
};

const LaterSyntax k_later_syntax[] = {
    {"f-string: expecting", "", "3.12", "f-strings with nested quotes, PEP 701"},
    {"f-string: unmatched", "", "3.12", "f-strings with nested quotes, PEP 701"},
    {"", R"(^\s*type\s+[A-Za-z_]\w*\s*(\[[^\]]*\])?\s*=)", "3.12", "type alias statements, PEP 695"},
    {"", R"(^\s*(async\s+)?(def|class)\s+[A-Za-z_]\w*\s*\[)", "3.12", "type parameter lists, PEP 695"},
    {"multiple exception types must be parenthesized", "", "3.14", "except without parentheses, PEP 758"},
    {"", R"((^|[^\w.'"])([tT][rR]?|[rR][tT])["'])", "3.14", "template strings, PEP 750"},
};

// Standard-library names that a later Python added: the module (or the type whose attribute it
// is, as an AttributeError names it) and the name, with the version that added it.
struct LaterName {
  std::string_view owner;
  std::string_view name;
  std::string_view version;
};

const LaterName k_later_names[] = {
    {"itertools", "batched", "3.12"},        {"typing", "override", "3.12"},
    {"typing", "TypeAliasType", "3.12"},     {"typing", "get_protocol_members", "3.13"},
    {"typing", "TypeIs", "3.13"},            {"typing", "ReadOnly", "3.13"},
    {"typing", "NoDefault", "3.13"},         {"math", "sumprod", "3.12"},
    {"math", "fma", "3.13"},                 {"copy", "replace", "3.13"},
    {"warnings", "deprecated", "3.13"},      {"posixpath", "splitroot", "3.12"},
    {"PosixPath", "walk", "3.12"},           {"Path", "walk", "3.12"},
    {"random", "binomialvariate", "3.12"},   {"statistics", "kde", "3.13"},
    {"calendar", "Month", "3.12"},           {"calendar", "Day", "3.12"},
    {"collections.abc", "Buffer", "3.12"},   {"types", "get_original_bases", "3.12"},
    {"asyncio", "eager_task_factory", "3.12"}, {"queue", "ShutDown", "3.13"},
    {"base64", "z85encode", "3.13"},         {"sys", "monitoring", "3.12"},
    {"sys", "_is_gil_enabled", "3.13"},      {"annotationlib", "", "3.14"},
    {"compression", "", "3.14"},             {"string.templatelib", "", "3.14"},
};

std::optional<std::string> later_name_reason(const std::string& owner, const std::string& name) {
  for (const LaterName& later : k_later_names) {
    if (later.owner == owner && later.name == name) {
      std::string what = name.empty() ? "the module " + owner : owner + "." + name;
      return needs_python(later.version, what + " is new in Python " + std::string(later.version));
    }
  }
  return std::nullopt;
}

std::string line_of(const std::string& code, int line) {
  std::size_t begin = 0;
  for (int n = 1; n < line && begin != std::string::npos; ++n) {
    begin = code.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos || begin >= code.size()) return {};
  return code.substr(begin, code.find('\n', begin) - begin);
}

// An example that fails on syntax or a standard-library name of a later Python needs that Python.
std::optional<std::string> later_python_reason(const PythonError& error, const std::string& code) {
  if (error.type == "SyntaxError") {
    std::string line = line_of(code, error.line);
    for (const LaterSyntax& later : k_later_syntax) {
      bool found = !later.message.empty() ? contains(error.message, later.message) : Regex(later.line).found_in(line);
      if (found) return needs_python(later.version, std::string(later.what));
    }
    return std::nullopt;
  }
  if (error.type == "ModuleNotFoundError") {
    static const Regex missing(R"(No module named '([\w.]+)')");
    if (auto found = missing.search(error.message)) return later_name_reason(found->str(1), "");
    return std::nullopt;
  }
  static const Regex cannot_import(R"(cannot import name '(\w+)' from '([\w.]+)')");
  static const Regex no_attribute(R"(^(?:module|type object)? ?'([\w.]+)'(?: object)? has no attribute '(\w+)')");
  if (error.type == "ImportError") {
    if (auto found = cannot_import.search(error.message)) return later_name_reason(found->str(2), found->str(1));
  }
  if (error.type == "AttributeError") {
    if (auto found = no_attribute.search(error.message)) return later_name_reason(found->str(1), found->str(2));
  }
  return std::nullopt;
}

// Python 2 code, told from what Python 3 refuses in it: the print and exec statements, `except
// E, name:` (the handler binds a name: PEP 758's `except A, B:` lists classes), octal 0777, and
// the builtins, methods and modules Python 3 renamed or removed.
std::optional<std::string> python2_what(const PythonError& error, const std::string& code) {
  if (error.type == "SyntaxError" || error.type == "IndentationError" || error.type == "TabError") {
    std::string line = line_of(code, error.line);
    if (contains(error.message, "Missing parentheses in call to 'print'")) return "the print statement";
    if (contains(error.message, "Missing parentheses in call to 'exec'")) return "the exec statement";
    static const Regex except_as(R"(^\s*except\s+\(?[\w.]+(?:\s*,\s*[\w.]+)*\)?\s*,\s*[a-z_]\w*\s*:)");
    static const Regex bound_lower(R"(,\s*([a-z_]\w*)\s*:\s*$)");
    if (except_as.found_in(line) && bound_lower.found_in(line)) return "`except E, name:`";
    if (contains(error.message, "leading zeros in decimal integer literals")) return "an octal literal without 0o";
    // Only what Python 3's message or the line's whole shape tells: `<>` and backticks are also the
    // placeholders of cheat sheets (`<list> = <list>[<slice>]`), not Python 2.
    return std::nullopt;
  }
  static const Regex name(R"(^name '(xrange|raw_input|unicode|basestring|unichr|long|execfile)' is not defined$)");
  if (error.type == "NameError") {
    if (auto found = name.search(error.message)) return "the builtin " + found->str(1);
  }
  static const Regex method(R"('dict' object has no attribute '(iteritems|iterkeys|itervalues|has_key)')");
  if (error.type == "AttributeError") {
    if (auto found = method.search(error.message)) return "dict." + found->str(1);
  }
  static const Regex module(
      R"(^No module named '(urllib2|ConfigParser|Queue|StringIO|cStringIO|cPickle|Tkinter|HTMLParser|httplib|SocketServer|__builtin__|commands)'$)");
  if (error.type == "ModuleNotFoundError") {
    if (auto found = module.search(error.message)) return "the module " + found->str(1);
  }
  return std::nullopt;
}

// The job's own limits (RLIMIT_AS above all) stopping what runs fine when started by hand: a big
// import that maps more address space than the limit, a JVM reserving its heap.
std::optional<std::string> runner_limit_reason(const Outcome& outcome) {
  const std::string& err = outcome.stderr_text;
  if (contains_any(err, {"Could not reserve enough space for", "Error occurred during initialization of VM",
                         "insufficient memory for the Java Runtime"})) {
    return "the runner's address-space limit (memory_limit) stopped a JVM reserving its heap; not the material's "
           "error (it may run when started by hand, or with a larger memory_limit)";
  }
  if (!outcome.error) return std::nullopt;
  const PythonError& error = *outcome.error;
  const std::string all = error.type + ": " + error.message + "\n" + error.traceback;
  bool importing = contains(error.traceback, "importlib._bootstrap") || contains(error.traceback, "<frozen importlib");
  if ((error.type == "MemoryError" && importing) ||
      (contains(all, "failed to map segment from shared object") || contains(all, "cannot allocate memory in static TLS")) ||
      (error.type == "OSError" && contains(error.message, "Cannot allocate memory") && importing)) {
    return "the runner's address-space limit (memory_limit) stopped an import; not the material's error (it may run "
           "when started by hand, or with a larger memory_limit)";
  }
  return std::nullopt;
}

std::optional<std::string> error_reason(const PythonError& error, const Outcome& outcome, const std::string& code,
                                        const std::string& session_code) {
  const std::string& message = error.message;
  const std::string all = error.type + ": " + message + "\n" + error.traceback;
  if (auto old = python2_what(error, code)) return python2_reason(*old);
  if (auto later = later_python_reason(error, code)) return later;
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
  if (error.type == "ImportError" && contains(message, "relative import")) {
    return "a fragment of a package (a relative import)";
  }
  // An Ansible module started as a script: ansible passes its arguments as JSON on standard input.
  if (error.type == "SystemExit" && contains(outcome.stdout_text, "unable to decode valid JSON on stdin")) {
    return "an Ansible module: it reads its arguments as JSON on standard input, which is empty here (ansible runs it "
           "with them)";
  }
  // A server whose port something else on this machine holds (another program, another run).
  if (contains(all + "\n" + outcome.stderr_text, "Address already in use")) {
    return "a server whose port is in use on this machine (Address already in use)";
  }
  if (error.type == "SystemExit" && contains(outcome.stderr_text, "usage:")) {
    return "needs command-line arguments (it printed its usage and exited with status " + error.message + ")";
  }
  if (error.type == "ValueError" && contains(message, "signal only works in main thread")) {
    return "installs signal handlers (a server or its reloader), which a sub-interpreter cannot; it needs the "
           "process tier";
  }
  if (error.type == "FileNotFoundError") {
    static const Regex name(R"(No such file or directory: '([^']+)')");
    if (auto found = name.search(message)) {
      std::string file = found->str(1);
      if (contains(error.traceback, "subprocess.py")) return "the command '" + file + "' is not installed on this machine";
      if (contains(code, "\"" + file) || contains(code, "'" + file)) {
        return "needs the file '" + file + "', which the example does not create";
      }
    }
  }
  if (error.type == "NameError") {
    static const Regex name(R"(name '(\w+)' is not defined)");
    if (auto found = name.search(message)) {
      // The name is \w+, so it is its own pattern.
      std::string used = found->str(1);
      Regex bound("(^|\\n)\\s*(def|class)\\s+" + used + "\\b|\\b" + used + "\\s*=[^=]|import\\s.*\\b" + used + "\\b");
      if (!bound.found_in(code) && session_code.empty()) {
        return "a fragment: it uses '" + used + "', which it never defines";
      }
      // A block of a session: the earlier blocks ran first, in its namespace.
      if (!bound.found_in(code) && !bound.found_in(session_code)) {
        return "a fragment: it uses '" + used + "', which neither it nor an earlier block of its session defines";
      }
      // Defined by an earlier block that raised first (a module this machine lacks, a fragment
      // itself): this block cannot be checked; the earlier one is judged on its own.
      if (!bound.found_in(code) && !outcome.before_errors.empty()) {
        const PartError& first = outcome.before_errors.front();
        std::string id = first.path.substr(first.path.find_last_of('/') + 1);
        if (id.ends_with(".py")) id.resize(id.size() - 3);
        std::string what = first.error.type + (first.error.message.empty() ? "" : ": " + first.error.message);
        if (what.size() > 160) what = what.substr(0, 157) + "...";
        return "it uses '" + used + "', which an earlier block of its session (" + id + ") never defined: that block raised " +
               what + (first.error.line > 0 ? " (line " + std::to_string(first.error.line) + ")" : "");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string python2_reason(const std::string& what) {
  return "Python 2 code (" + what + "); this machine runs Python " + std::string(k_this_python);
}

bool is_python2(const Outcome& outcome, const std::string& code) {
  return outcome.ending == Ending::finished && outcome.error && python2_what(*outcome.error, code).has_value();
}

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

std::optional<std::string> environment_reason(const Outcome& outcome, const std::string& code, const std::string& /*path*/,
                                              const std::string& session_code) {
  if (contains(outcome.stderr_text, "not main interpreter")) {
    return "os.fork / multiprocessing cannot run in a sub-interpreter (it needs the process tier)";
  }
  if (outcome.ending == Ending::timeout) {
    if (auto stuck = stuck_reason(outcome.stack)) return stuck;
    // Stopped while a module was still loading (torch takes seconds, more on a busy machine): the
    // runner's deadline, not the example, ended it.
    if (contains(outcome.stack, "importlib._bootstrap") || contains(outcome.stack, "<frozen importlib")) {
      return "still importing a module when the runner's timeout stopped it (a slow import on a busy machine); not "
             "the material's error (a longer --timeout lets it finish)";
    }
    return std::nullopt;
  }
  if (outcome.ending != Ending::finished) return std::nullopt;
  if (auto limit = runner_limit_reason(outcome)) return limit;
  if (!outcome.error) return std::nullopt;
  return error_reason(*outcome.error, outcome, code, session_code);
}

bool stopped_in_endless_loop(const Outcome& outcome) {
  if (outcome.ending != Ending::timeout) return false;
  // Stopped while importing: a slow import on a busy machine, whatever module the stack passes by.
  if (contains(outcome.stack, "importlib._bootstrap")) return false;
  const StuckPlace* place = stuck_place(outcome.stack);
  return place != nullptr && place->endless;
}

}  // namespace snipcheck
