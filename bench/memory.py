#!/usr/bin/python3
"""Generates a question bank whose every question prints about 1 MiB, to measure how the
supervisor's memory grows with the number of questions (issue 9, item 15).

    /usr/bin/python3 bench/memory.py DIR N [--expected mismatch|match|none]
    /usr/bin/time -v build-dev/snipcheck run DIR -j 2 --json DIR.json --junit DIR.xml

mismatch (default): each expected file is one short line, so every question is `wrong` with a
diff against its whole output (the worst case for the reports); match: the expected file is the
output (`pass`); none: no expected files (`no_claim`).
"""
import argparse
import os
import shutil

SIZE = 1024 * 1024 - 64  # under the default output_limit of 1 MiB per stream


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("n", type=int)
    parser.add_argument("--expected", choices=["mismatch", "match", "none"], default="mismatch")
    args = parser.parse_args()
    if os.path.exists(args.dir):
        shutil.rmtree(args.dir)
    os.makedirs(os.path.join(args.dir, "snippets"))
    os.makedirs(os.path.join(args.dir, "expected"))
    with open(os.path.join(args.dir, "snipcheck.toml"), "w") as toml:
        toml.write("[defaults]\ntimeout = 30\n")
    line = "x" * 1023
    lines = SIZE // 1024
    for i in range(1, args.n + 1):
        name = "%03d-print-a-mebibyte" % i
        with open(os.path.join(args.dir, "snippets", name + ".py"), "w") as snippet:
            snippet.write("for i in range(%d):\n    print(%r)\nprint('question %d')\n" % (lines, line, i))
        if args.expected == "none":
            continue
        with open(os.path.join(args.dir, "expected", name + ".out"), "w") as expected:
            if args.expected == "match":
                expected.write((line + "\n") * lines + "question %d\n" % i)
            else:
                expected.write("question %d\n" % i)


if __name__ == "__main__":
    main()
