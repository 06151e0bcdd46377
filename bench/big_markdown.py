#!/usr/bin/python3
"""Writes a large Markdown material for timing `snipcheck import` (not a test): 900 sections
(import takes up to 999 examples), each a heading, a paragraph of prose, a fenced python block of
statements with comments that claim output, and an output block; the blocks grow until the file
has the size asked for. Import time must grow linearly with the size (issue 9: it was quadratic).

Usage: /usr/bin/python3 bench/big_markdown.py MEGABYTES OUT.md
       /usr/bin/time -f '%e s %M KiB' build-dev/snipcheck import OUT.md --out /tmp/bank

With --examples N instead of a size, it writes N examples in the forms real material uses, for
timing `snipcheck audit` (bench/audit_speed.py): trailing `# value` comments, `# Output:` lines,
Output blocks, `>>>` transcripts, documented and undocumented errors, wrong claims (a value that
is not printed, an iterator printed, a float that is not what it looks like), every 40th example
importing pandas, numpy or scikit-learn, and one example that computes past any timeout.

Usage: /usr/bin/python3 bench/big_markdown.py --examples 400 OUT.md [--no-timeout]
(--no-timeout: without the example that runs into its timeout)
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


def trailing(i):
    return ("python", [f"prices = [{i}, {i + 2}, {i + 5}]", "print(max(prices))  # " + str(i + 5),
                       "print(sum(prices) // 3)  # " + str((3 * i + 7) // 3)], None)


def output_line(i):
    return ("python", ["def greet(name):", "    return f'Hello, {name}!'", "",
                       f"print(greet('user{i}'))", f"# Output: Hello, user{i}!"], None)


def output_block(i):
    words = ["alpha", "beta", "gamma", "delta"][: 2 + i % 3]
    code = [f"words = {words!r}", "for n, word in enumerate(words, 1):", "    print(n, word.upper())"]
    return ("python", code, "\n".join(f"{n} {w.upper()}" for n, w in enumerate(words, 1)))


def transcript(i):
    return ("pycon", [f">>> counts = {{'a': {i % 4}, 'b': 2}}", ">>> counts['b']", "2", ">>> sorted(counts)",
                      "['a', 'b']", ">>> counts['z']", "Traceback (most recent call last):", "  ...",
                      "KeyError: 'z'"], None)


def documented_error(i):
    return ("python", [f"text = 'x{i}'", "print(text.upper())  # " + f"X{i}",
                       "number = int(text)  # ValueError: invalid literal for int() with base 10"], None)


def undocumented_error(i):
    return ("python", ["config = {'debug': True}", "print(config['debug'])  # True",
                       "print(config['verbose'])  # False"], None)


def wrong_value(i):
    # Wrong: an expression statement prints nothing (a probe evaluates it for the hint).
    return ("python", [f"items = [{i}, 1, 2]", "items.append(3)", "len(items)  # 4"], None)


def wrong_iterator(i):
    return ("python", ["names = ['ann', 'bob']", "print(map(str.title, names))  # ['Ann', 'Bob']"], None)


def wrong_float(i):
    return ("python", ["print(0.1 + 0.2)  # 0.3", f"print({i} / 4)  # {i / 4}"], None)


def classes(i):
    return ("python", ["class Point:", "    def __init__(self, x, y):", "        self.x, self.y = x, y",
                       "    def __repr__(self):", "        return f'Point({self.x}, {self.y})'", "",
                       f"print(Point({i}, 2))  # Point({i}, 2)",
                       "print(sorted({3, 1, 2}))  # [1, 2, 3]"], None)


FORMS = [trailing, output_line, output_block, transcript, documented_error, trailing, classes,
         output_block, wrong_value, trailing, undocumented_error, output_line, wrong_iterator, transcript,
         wrong_float, classes]


def slow_import(i):
    kind = (i // 40) % 3
    if kind == 0:
        return ("python", ["import pandas as pd", "frame = pd.DataFrame({'a': [1, 2, 3]})",
                           "print(int(frame['a'].sum()))  # 6"], None)
    if kind == 1:
        return ("python", ["import numpy as np", "print(np.arange(4).reshape(2, 2).sum())  # 6"], None)
    return ("python", ["from sklearn.linear_model import LinearRegression",
                       "model = LinearRegression().fit([[0], [1], [2]], [0, 2, 4])",
                       "print(round(float(model.coef_[0]), 1))  # 2.0"], None)


def endless(i):
    # Computes for hours: it runs into any timeout (its stack shows no server or scheduler).
    return ("python", ["total = 0", "for k in range(10 ** 12):", "    total += k % 7", "print(total)  # 0"], None)


def example(i, count, timeout):
    if timeout and i == count // 2:
        return endless(i)
    if i % 40 == 20:
        return slow_import(i)
    return FORMS[i % len(FORMS)](i)


def write_examples(count, path, timeout=True):
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Python by example\n\nGenerated for snipcheck's audit bench.\n\n")
        for i in range(1, count + 1):
            fence, code, block = example(i, count, timeout)
            out.write(f"## {i}. Example {i}\n\nWhat this example shows, in a sentence or two.\n\n")
            out.write(f"```{fence}\n" + "\n".join(code) + "\n```\n\n")
            if block is not None:
                out.write(f"Output:\n\n```\n{block}\n```\n\n")


def main():
    if len(sys.argv) in (4, 5) and sys.argv[1] == "--examples" and sys.argv[4:] in ([], ["--no-timeout"]):
        write_examples(int(sys.argv[2]), sys.argv[3], timeout=sys.argv[4:] != ["--no-timeout"])
        return
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
