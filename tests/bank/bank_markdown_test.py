#!/usr/bin/python3
"""Tests of bench/bank_markdown.py (issue 13, item 3), run by ctest.

  bank_markdown_test.py roundtrip SNIPCHECK PROJECT_DIR
      renders the project's bank, imports the rendering with `snipcheck import` and checks that
      every question comes back with the same code, the same expected output and its title: the
      rendering says exactly what the bank says, no more and no less.
  bank_markdown_test.py audit SNIPCHECK PROJECT_DIR
      renders the project's bank and runs `snipcheck audit` on it: fails on any wrong claim (audit
      exit status 1) or on a question the audit cannot run, printing the audit's report.
"""
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path


def render(project, out):
    subprocess.run([sys.executable, str(project / "bench" / "bank_markdown.py"), str(project), "-o", str(out)],
                   check=True)


def as_markdown_carries(text, mode):
    """What of an expected output a Markdown code block can carry: CommonMark reads CR LF as a
    line ending (a CR never reaches the text), and under `compare = "normalize"` the trailing
    spaces and blank lines, which the question ignores, are not part of it either."""
    text = text.replace(b"\r\n", b"\n")
    if mode == "normalize":
        text = b"\n".join(line.rstrip() for line in text.split(b"\n")).rstrip(b"\n")
    return text


def roundtrip(snipcheck, project):
    problems = []
    titles = tomllib.loads((project / "snipcheck.toml").read_text()).get("question", {})
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        render(project, scratch / "bank.md")
        subprocess.run([snipcheck, "import", str(scratch / "bank.md"), "--out", str(scratch / "imported")],
                       check=True, stdout=subprocess.DEVNULL)
        imported = scratch / "imported"
        back = tomllib.loads((imported / "snipcheck.toml").read_text()).get("question", {})
        originals = sorted((project / "snippets").glob("[0-9][0-9][0-9]-*.py"))
        by_number = {p.name[:3]: p for p in (imported / "snippets").glob("*.py")}
        if len(by_number) != len(originals):
            problems.append(f"{len(originals)} questions rendered, {len(by_number)} imported back")
        for original in originals:
            qid = original.stem
            copy = by_number.get(qid[:3])
            if copy is None:
                problems.append(f"{qid}: not imported back")
                continue
            if copy.read_bytes() != original.read_bytes():
                problems.append(f"{qid}: code differs after the round trip")
            expected = project / "expected" / f"{qid}.out"
            expected_back = imported / "expected" / f"{copy.stem}.out"
            want = expected.read_bytes() if expected.exists() else b""
            got = expected_back.read_bytes() if expected_back.exists() else b""
            mode = titles.get(qid, {}).get("compare", "exact")
            if as_markdown_carries(want, mode) != as_markdown_carries(got, mode):
                problems.append(f"{qid}: expected output differs after the round trip")
            title = titles.get(qid, {}).get("title")
            if title and back.get(copy.stem, {}).get("title") != title:
                problems.append(f"{qid}: title {title!r} came back as {back.get(copy.stem, {}).get('title')!r}")
    problems += bad_input(project)
    for problem in problems:
        print("FAIL", problem)
    print(f"round trip: {len(originals)} questions, {len(problems)} problem(s)")
    return 1 if problems else 0


def bad_input(project):
    """A bank the script cannot read: exit 2 and one message naming the file, nothing written."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        (scratch / "broken" / "snippets").mkdir(parents=True)
        (scratch / "broken" / "snipcheck.toml").write_text("[question.\"001-a\"\ntitle = 1\n")
        cases = {"no-snippets": scratch / "empty", "bad toml": scratch / "broken"}
        (scratch / "empty").mkdir()
        for name, bank in cases.items():
            out = scratch / f"{name}.md"
            done = subprocess.run([sys.executable, str(project / "bench" / "bank_markdown.py"), str(bank),
                                   "-o", str(out)], capture_output=True, text=True)
            named = "snippets" if name == "no-snippets" else "snipcheck.toml"
            if done.returncode != 2 or named not in done.stderr or out.exists():
                problems.append(f"{name}: exit {done.returncode}, stderr {done.stderr.strip()!r}, "
                                f"output written: {out.exists()}")
    return problems


def audit(snipcheck, project):
    with tempfile.TemporaryDirectory() as scratch:
        material = Path(scratch) / "bank.md"
        render(project, material)
        done = subprocess.run([snipcheck, "audit", str(material), "-q"], capture_output=True, text=True)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        print(f"FAIL snipcheck audit exited {done.returncode}: the rendering of the bank has a wrong claim")
    return 1 if done.returncode != 0 else 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("roundtrip", "audit"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit({"roundtrip": roundtrip, "audit": audit}[sys.argv[1]](sys.argv[2], Path(sys.argv[3])))
