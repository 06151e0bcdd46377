#include <catch2/catch.hpp>

#include "material/material.hpp"

using namespace snipcheck;

TEST_CASE("python_version_in", "[material][version]") {
  CHECK(python_version_in("Output (< Python 3.7):") == "< 3.7");
  CHECK(python_version_in("Output (Python 3.8):") == "3.8");
  CHECK(python_version_in("Output in Python 2:") == "2");
  CHECK(python_version_in("needs Python 3.8+") == "3.8+");
  CHECK(python_version_in("Python 3.10 or later") == "3.10+");
  CHECK(python_version_in("on Python 3.6 and earlier") == "<= 3.6");
  CHECK(python_version_in("before Python 3.7") == "< 3.7");
  CHECK(python_version_in("Python 2.x") == "2");
  CHECK(python_version_in("python3.12") == "3.12");
  CHECK(python_version_in("Python >= 3.9") == ">= 3.9");
  CHECK(python_version_in("Output:").empty());
  CHECK(python_version_in("3.12").empty());  // a number without the word Python: no version
  CHECK(python_version_in("the pythonic way 3").empty());
}

TEST_CASE("output_version_of_prose", "[material][version]") {
  CHECK(output_version_of_prose("In Python 2 this prints:") == "2");
  CHECK(output_version_of_prose("Integer division differs. In Python 2, 7 / 2 gives 3.") == "2");
  CHECK(output_version_of_prose("On Python 3.6 and earlier the output is in another order.") == "<= 3.6");
  CHECK(output_version_of_prose("Python 3.8 added the walrus operator.").empty());
  // The version and the output in different sentences: not said of that output.
  CHECK(output_version_of_prose("This needs Python 3.8. It prints the sum.").empty());
}

TEST_CASE("comment_version", "[material][version]") {
  auto version = [](const char* comment) {
    std::optional<StatedVersion> stated = comment_version(comment);
    return stated ? stated->version + "|" + stated->rest : std::string("none");
  };
  CHECK(version(" Python 3.8+") == "3.8+|");
  CHECK(version(" In Python 3.12:") == "3.12|");
  CHECK(version(" in 3.12: 1.0") == "3.12|1.0");
  CHECK(version(" Python 2: 10") == "2|10");
  CHECK(version(" Python < 3.7 -> ['a', 'b']") == "< 3.7|['a', 'b']");
  CHECK(version(" (Python 3.9 and later)") == "3.9+|");
  CHECK(version(" Python 2 only") == "2|");
  // A value, or words that only mention Python, are no version statement.
  CHECK(version(" 3.12") == "none");
  CHECK(version(" in 2: x") == "none");
  CHECK(version(" Python is fun") == "none");
  CHECK(version(" 3.8+ features below") == "none");
}
