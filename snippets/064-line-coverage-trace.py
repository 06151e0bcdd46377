# Topic: code coverage, measured the way coverage.py does it: record which lines run while the
# tests run (sys.settrace), compare with the lines that could run, report the percentage and
# the missed lines.
import ast
import sys

SOURCE = '''\
def grade(score):
    if score < 0:
        raise ValueError("negative")
    if score >= 90:
        return "A"
    if score >= 50:
        return "pass"
    return "fail"
'''
namespace = {}
exec(compile(SOURCE, "grade.py", "exec"), namespace)
grade = namespace["grade"]

executable = {node.lineno for node in ast.walk(ast.parse(SOURCE)) if isinstance(node, ast.stmt)}
hit = set()


def tracer(frame, event, arg):
    if frame.f_code.co_filename == "grade.py" and event == "line":
        hit.add(frame.f_lineno)
    return tracer


def measure(tests):
    hit.clear()
    hit.add(1)                 # the def line ran when the module was executed
    sys.settrace(tracer)
    try:
        for test in tests:
            test()
    finally:
        sys.settrace(None)
    covered = len(hit & executable) / len(executable)
    return f"{covered:.0%} covered, missing lines {sorted(executable - hit)}"


def test_a():
    assert grade(95) == "A"


def test_fail():
    assert grade(10) == "fail"


def test_negative():
    try:
        grade(-1)
    except ValueError:
        pass


print("statements:", sorted(executable))
print("test_a only:     ", measure([test_a]))
print("two tests:       ", measure([test_a, test_fail]))
print("all three tests: ", measure([test_a, test_fail, test_negative]))
print("add a test for 'pass' to reach 100%:",
      measure([test_a, test_fail, test_negative, lambda: grade(70)]))
