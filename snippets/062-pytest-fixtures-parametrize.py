# Topic: why pytest is preferred: plain assert with introspection, fixtures and parametrize;
# the test file is run in-process with pytest.main and its outcomes collected by a plugin.
import contextlib
import io
from pathlib import Path

import pytest

Path("test_slugify.py").write_text('''
import pytest

def slugify(text):
    return "-".join(text.lower().split())

@pytest.fixture
def titles():
    return ["Hello World", "  Python   Tips "]

def test_fixture(titles):
    assert [slugify(t) for t in titles] == ["hello-world", "python-tips"]

@pytest.mark.parametrize("text, expected", [("A B", "a-b"), ("x", "x"), ("", "")])
def test_cases(text, expected):
    assert slugify(text) == expected

def test_shows_values():
    assert slugify("Two  Words") == "two_words"
''')


class Outcomes:
    def __init__(self):
        self.reports = []

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.reports.append(report)


plugin = Outcomes()
with contextlib.redirect_stdout(io.StringIO()):      # pytest's own report has timings: keep it out
    code = pytest.main(["-q", "-p", "no:cacheprovider", "test_slugify.py"], plugins=[plugin])
for report in plugin.reports:
    print(f"{report.outcome:7} {report.nodeid}")
failed = [r for r in plugin.reports if r.failed][0]
print("assert rewriting explains:", failed.longrepr.reprcrash.message.splitlines()[0])
print("exit code:", int(code))
