#!/usr/bin/python3
"""Render a question bank as Markdown, in the form `snipcheck audit` reads (issue 13, item 3).

Usage: /usr/bin/python3 bench/bank_markdown.py [BANK] [-o FILE]

BANK defaults to the current directory. Each question becomes a numbered heading with its title
from snipcheck.toml ("## 53. How is scikit-learn used ...?"), its snippet as a ```python block,
and its expected output as an output block after an "Output:" paragraph, so that auditing the
rendering checks every claim the bank makes against what its code prints. A question without an
expected file (or with an empty one) gets no output block: it claims nothing.

Exit status 2, with one message naming the file, on a bank this script cannot read.
"""
import argparse
import os
import re
import sys
import tempfile
import tomllib
from pathlib import Path

ID = re.compile(r"^(\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*$")


def fail(message):
    print(f"bank_markdown: {message}", file=sys.stderr)
    sys.exit(2)


def fence_for(text):
    """A backtick fence longer than any run of backticks the text holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def read_text(path):
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: {exc}")


def load_titles(bank):
    path = bank / "snipcheck.toml"
    if not path.exists():
        return {}
    try:
        settings = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        fail(f"{path}: {exc}")
    questions = settings.get("question", {})
    return {qid: table.get("title") for qid, table in questions.items() if isinstance(table, dict)}


def render(bank):
    snippets = bank / "snippets"
    if not snippets.is_dir():
        fail(f"{snippets}: no snippets folder")
    titles = load_titles(bank)
    parts = [f"# Question bank: {bank.resolve().name}\n",
             "Rendered by bench/bank_markdown.py from snippets/, expected/ and snipcheck.toml.\n"]
    for path in sorted(snippets.glob("*.py")):
        qid = path.stem
        match = ID.match(qid)
        if not match:
            continue
        number = int(match.group(1))
        title = titles.get(qid) if isinstance(titles.get(qid), str) else None
        title = " ".join((title or qid.split("-", 1)[1].replace("-", " ")).split())  # one heading line
        code = read_text(path)
        if not code.endswith("\n"):
            code += "\n"
        parts.append(f"## {number}. {title}\n")
        fence = fence_for(code)
        parts.append(f"{fence}python\n{code}{fence}\n")
        expected_path = bank / "expected" / f"{qid}.out"
        if expected_path.exists():
            expected = read_text(expected_path)
            if expected:
                if not expected.endswith("\n"):
                    expected += "\n"
                fence = fence_for(expected)
                parts.append("Output:\n")
                parts.append(f"{fence}output\n{expected}{fence}\n")
    return "\n".join(parts)


def write_whole(path, text):
    """Write all of the file or none of it (a temporary file beside it, then renamed)."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        os.unlink(temporary)
        fail(f"{path}: {exc}")


def main():
    parser = argparse.ArgumentParser(description="Render a snipcheck bank as Markdown for `snipcheck audit`")
    parser.add_argument("bank", nargs="?", default=".", help="the bank's folder (default: .)")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args()
    text = render(Path(args.bank))
    if args.output:
        write_whole(args.output, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
