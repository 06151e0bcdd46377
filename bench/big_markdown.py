#!/usr/bin/python3
"""Writes a large Markdown material for timing `snipcheck import` (not a test): 900 sections
(import takes up to 999 examples), each a heading, a paragraph of prose, a fenced python block of
statements with comments that claim output, and an output block; the blocks grow until the file
has the size asked for. Import time must grow linearly with the size (issue 9: it was quadratic).

Usage: /usr/bin/python3 bench/big_markdown.py MEGABYTES OUT.md
       /usr/bin/time -f '%e s %M KiB' build-dev/snipcheck import OUT.md --out /tmp/bank
"""
import sys

SECTIONS = 900


def section(i, lines):
    code = [f"values = [{i % 7}, {i % 5}, {i % 3}]  # three numbers", "# a comment on its own line"]
    code += [f"total_{k} = sum(values) + {k}  # the total plus {k}" for k in range(lines)]
    code += ["print(sorted(values))", "print(len(values))  # 3"]
    return (
        f"## {i}. Section {i}\n\n"
        f"Prose about example {i}: it sorts a short list, adds it up and prints its length.\n\n"
        "```python\n" + "\n".join(code) + "\n```\n\n"
        "Output:\n\n"
        f"```\n{sorted([i % 7, i % 5, i % 3])}\n3\n```\n\n"
    )


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target = float(sys.argv[1]) * 1e6
    lines = 0
    while len(section(SECTIONS, lines)) * SECTIONS < target:
        lines += 1
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# Generated material\n\n")
        for i in range(1, SECTIONS + 1):
            out.write(section(i, lines))


if __name__ == "__main__":
    main()
