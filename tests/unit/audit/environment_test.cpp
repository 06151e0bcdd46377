#include <catch2/catch.hpp>

#include "audit/environment.hpp"

using namespace snipcheck;

namespace {

Outcome raised(const std::string& type, const std::string& message) {
  Outcome outcome;
  outcome.error = PythonError{};
  outcome.error->type = type;
  outcome.error->message = message;
  return outcome;
}

}  // namespace

TEST_CASE("environment_reason", "[compare]") {
  SECTION("a missing module, with the Debian package that provides it") {
    Outcome outcome = raised("ModuleNotFoundError", "No module named 'pandas'");
    outcome.error->module = "pandas";
    outcome.error->module_installed = false;
    CHECK(environment_reason(outcome, "", "") == "module 'pandas' is not installed on this machine (Debian package: python3-pandas)");
    outcome.error->module = "polars";
    CHECK(environment_reason(outcome, "", "")->find("not packaged by Debian 12") != std::string::npos);
  }
  SECTION("network, servers, credentials") {
    CHECK(environment_reason(raised("ConnectionError", "[Errno -2] Name or service not known"), "", "")->find("DNS") !=
          std::string::npos);
    CHECK(environment_reason(raised("OperationalError", "connection to server on socket failed"), "", "")
              ->find("database server") != std::string::npos);
    CHECK(environment_reason(raised("NoCredentialsError", "Unable to locate credentials"), "", "")->find("credentials") !=
          std::string::npos);
  }
  SECTION("a timeout while a module was still importing is the runner's deadline, not the example's") {
    Outcome importing;
    importing.ending = Ending::timeout;
    importing.stack = "  File \"/tmp/x/055-torch.py\", line 1, in <module>\n  File \"<frozen importlib._bootstrap>\", line 1178, in _find_and_load\n";
    CHECK(environment_reason(importing, "import torch\n", "")->starts_with("still importing a module when the runner's timeout stopped it"));
    Outcome looping;
    looping.ending = Ending::timeout;
    looping.stack = "  File \"/tmp/x/001-loop.py\", line 2, in <module>\n";
    CHECK_FALSE(environment_reason(looping, "while True:\n    pass\n", "").has_value());
  }
  SECTION("a server whose port is taken, an Ansible module without its arguments on stdin") {
    Outcome busy = raised("SystemExit", "1");
    busy.stderr_text = "Address already in use\nPort 8000 is in use by another program.\n";
    CHECK(environment_reason(busy, "", "") == "a server whose port is in use on this machine (Address already in use)");
    CHECK(environment_reason(raised("OSError", "[Errno 98] Address already in use"), "", "")->find("port is in use") !=
          std::string::npos);
    Outcome module = raised("SystemExit", "1");
    module.stdout_text = "\n{\"msg\": \"Error: Module unable to decode valid JSON on stdin.\", \"failed\": true}\n";
    CHECK(environment_reason(module, "", "")->starts_with("an Ansible module: it reads its arguments as JSON on standard input"));
    CHECK_FALSE(environment_reason(raised("SystemExit", "1"), "", "").has_value());  // exit(1) by itself fails
  }
  SECTION("a file the example names but never creates; a name it never defines") {
    std::string code = "open('in.csv')\n";
    CHECK(environment_reason(raised("FileNotFoundError", "[Errno 2] No such file or directory: 'in.csv'"), code, "") ==
          "needs the file 'in.csv', which the example does not create");
    CHECK(environment_reason(raised("NameError", "name 'db' is not defined"), "db.query()\n", "")->find("fragment") !=
          std::string::npos);
    CHECK_FALSE(environment_reason(raised("NameError", "name 'db' is not defined"), "db = 1\ndel db\ndb.q()\n", ""));
  }
  SECTION("a block of a session: a fragment only for a name no earlier block of its session defines") {
    Outcome outcome = raised("NameError", "name 'db' is not defined");
    CHECK(environment_reason(outcome, "db.query()\n", "", "import sqlite3\n") ==
          "a fragment: it uses 'db', which neither it nor an earlier block of its session defines");
    // An earlier block defines it (and failed before it did): the block's own error, not a fragment.
    CHECK_FALSE(environment_reason(outcome, "db.query()\n", "", "db = connect()\n"));
    // ... unless an earlier block raised before it could.
    PythonError missing;
    missing.type = "ModuleNotFoundError";
    missing.message = "No module named 'cafe'";
    missing.line = 1;
    outcome.before_errors.push_back({"/tmp/bank/snippets/007-setup.py", missing});
    CHECK(environment_reason(outcome, "db.query()\n", "", "from cafe import connect\ndb = connect()\n") ==
          "it uses 'db', which an earlier block of its session (007-setup) never defined: that block raised "
          "ModuleNotFoundError: No module named 'cafe' (line 1)");
    // A name the block defines itself stays its own error.
    CHECK_FALSE(environment_reason(outcome, "db = 1\ndel db\ndb.query()\n", "", "db = connect()\n"));
  }
  SECTION("a timeout stuck in a server loop") {
    Outcome outcome;
    outcome.ending = Ending::timeout;
    outcome.stack = "  File \"/usr/lib/python3.11/socketserver.py\", line 233 in serve_forever\n";
    CHECK(environment_reason(outcome, "", "")->find("server") != std::string::npos);
    outcome.stack = "  File \"/tmp/x.py\", line 2 in <module>\n";
    CHECK_FALSE(environment_reason(outcome, "", ""));
  }
  SECTION("input() with nothing on stdin") {
    CHECK(environment_reason(raised("EOFError", "EOF when reading a line"), "", "")->find("standard input") !=
          std::string::npos);
  }
  SECTION("syntax that only a later Python accepts") {
    CHECK(environment_reason(raised("SyntaxError", "f-string: expecting '}'"), "", "")->find("Python 3.12") !=
          std::string::npos);
    Outcome alias = raised("SyntaxError", "invalid syntax (x.py, line 2)");
    alias.error->line = 2;
    CHECK(environment_reason(alias, "import sys\ntype Pair = tuple[int, int]\n", "") ==
          "needs Python 3.12 (type alias statements, PEP 695); this machine runs Python 3.11");
    Outcome generic = raised("SyntaxError", "expected '(' (x.py, line 1)");
    generic.error->line = 1;
    CHECK(environment_reason(generic, "def head[T](xs: list[T]) -> T:\n    return xs[0]\n", "")->find("PEP 695") !=
          std::string::npos);
    CHECK(environment_reason(raised("SyntaxError", "multiple exception types must be parenthesized"), "", "")
              ->find("Python 3.14") != std::string::npos);
    Outcome template_string = raised("SyntaxError", "invalid syntax (x.py, line 1)");
    template_string.error->line = 1;
    CHECK(environment_reason(template_string, "print(t\"{x}\")\n", "")->find("PEP 750") != std::string::npos);
    CHECK_FALSE(environment_reason(template_string, "print(x y)\n", ""));  // a plain syntax error is the example's
  }
  SECTION("Python 2 code is Python 2, not a later Python") {
    Outcome print_statement = raised("SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?");
    print_statement.error->line = 1;
    CHECK(environment_reason(print_statement, "print \"hi\"\n", "") ==
          "Python 2 code (the print statement); this machine runs Python 3.11");
    CHECK(is_python2(print_statement, "print \"hi\"\n"));
    Outcome handler = raised("SyntaxError", "multiple exception types must be parenthesized");
    handler.error->line = 3;
    std::string old = "try:\n    f()\nexcept ValueError, e:\n    print e\n";
    CHECK(environment_reason(handler, old, "")->starts_with("Python 2 code (`except E, name:`)"));
    // `except A, B:` lists classes: PEP 758's form, which Python 3.14 accepts.
    std::string later = "try:\n    f()\nexcept ValueError, TypeError:\n    pass\n";
    CHECK(environment_reason(handler, later, "")->find("Python 3.14") != std::string::npos);
    CHECK_FALSE(is_python2(handler, later));
    CHECK(environment_reason(raised("NameError", "name 'xrange' is not defined"), "for i in xrange(3): pass\n", "")
              ->starts_with("Python 2 code (the builtin xrange)"));
    CHECK(environment_reason(raised("AttributeError", "'dict' object has no attribute 'iteritems'"), "", "")
              ->starts_with("Python 2 code (dict.iteritems)"));
    Outcome octal = raised("SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix");
    CHECK(is_python2(octal, "mode = 0755\n"));
    // A cheat sheet's placeholders are not Python 2.
    Outcome placeholder = raised("SyntaxError", "invalid syntax (x.py, line 1)");
    placeholder.error->line = 1;
    CHECK_FALSE(is_python2(placeholder, "<list> = <list>[<slice>]  # `a` <> b\n"));
    CHECK_FALSE(environment_reason(placeholder, "<list> = <list>[<slice>]  # `a` <> b\n", ""));
  }
  SECTION("the runner's own address-space limit is not the material's error") {
    Outcome import = raised("MemoryError", "");
    import.error->traceback = "  File \"<frozen importlib._bootstrap>\", line 1178, in _find_and_load\n";
    CHECK(environment_reason(import, "import torch\n", "")->find("the runner's address-space limit") != std::string::npos);
    Outcome jvm = raised("CalledProcessError", "Command '['java', '-version']' returned non-zero exit status 1.");
    jvm.stderr_text = "Error occurred during initialization of VM\nCould not reserve enough space for object heap\n";
    CHECK(environment_reason(jvm, "", "")->find("not the material's error") != std::string::npos);
    Outcome finished_jvm;
    finished_jvm.stderr_text = jvm.stderr_text;
    CHECK(environment_reason(finished_jvm, "", "")->find("JVM") != std::string::npos);
    // A MemoryError of the example's own (a huge list) stays the example's.
    Outcome own = raised("MemoryError", "");
    own.error->traceback = "  File \"x.py\", line 1, in <module>\n";
    CHECK_FALSE(environment_reason(own, "[0] * 10**12\n", ""));
  }
  SECTION("a standard-library name that a later Python added") {
    CHECK(environment_reason(raised("ImportError", "cannot import name 'batched' from 'itertools' (unknown location)"), "",
                             "") ==
          "needs Python 3.12 (itertools.batched is new in Python 3.12); this machine runs Python 3.11");
    CHECK(environment_reason(raised("AttributeError", "module 'math' has no attribute 'sumprod'"), "", "")
              ->find("math.sumprod") != std::string::npos);
    CHECK(environment_reason(raised("AttributeError", "'PosixPath' object has no attribute 'walk'"), "", "")
              ->find("Python 3.12") != std::string::npos);
    Outcome module = raised("ModuleNotFoundError", "No module named 'annotationlib'");
    module.error->module = "annotationlib";
    module.error->module_installed = false;
    CHECK(environment_reason(module, "", "")->find("the module annotationlib is new in Python 3.14") != std::string::npos);
    CHECK_FALSE(environment_reason(raised("AttributeError", "'list' object has no attribute 'walk'"), "", ""));
  }
  SECTION("a bug of the example's own is no environment") {
    CHECK_FALSE(environment_reason(raised("ZeroDivisionError", "division by zero"), "1/0\n", ""));
  }
}

TEST_CASE("stopped_in_endless_loop", "[compare]") {
  Outcome outcome;
  outcome.ending = Ending::timeout;
  SECTION("a serve loop or a blocking scheduler only ends when stopped") {
    outcome.stack = "  File \"/usr/lib/python3.11/socketserver.py\", line 233 in serve_forever\n"
                    "  File \"/tmp/x.py\", line 9 in <module>\n";
    CHECK(stopped_in_endless_loop(outcome));
    outcome.stack = "  File \"/usr/lib/python3/dist-packages/apscheduler/schedulers/blocking.py\", line 30 in _main_loop\n";
    CHECK(stopped_in_endless_loop(outcome));
  }
  SECTION("a loop that may still end by itself, the example's own code, or an import in progress") {
    outcome.stack = "  File \"/usr/lib/python3.11/sched.py\", line 149 in run\n";
    CHECK_FALSE(stopped_in_endless_loop(outcome));
    outcome.stack = "  File \"/tmp/x.py\", line 2 in <module>\n";
    CHECK_FALSE(stopped_in_endless_loop(outcome));
    outcome.stack = "  File \"/usr/lib/python3.11/http/server.py\", line 1 in <module>\n"
                    "  File \"<frozen importlib._bootstrap>\", line 1178 in _find_and_load\n";
    CHECK_FALSE(stopped_in_endless_loop(outcome));
  }
  SECTION("only a timeout") {
    outcome.ending = Ending::finished;
    outcome.stack = "  File \"/usr/lib/python3.11/socketserver.py\", line 233 in serve_forever\n";
    CHECK_FALSE(stopped_in_endless_loop(outcome));
  }
}

TEST_CASE("debian_package_for", "[compare]") {
  CHECK(debian_package_for("numpy") == "python3-numpy");
  CHECK(debian_package_for("tensorflow") == "");
  CHECK_FALSE(debian_package_for("surely_not_a_module"));
}
