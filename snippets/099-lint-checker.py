# Topic: what pylint does (pylint is not installed here): read code without running it and
# report messages with ids such as C0103 (naming), W0611 (unused import), W0102 (mutable
# default), C0301 (line too long), and a score. A small checker built on ast and tokenize.
import ast

SOURCE = '''\
import os
import sys


def AddItems(item, bucket=[]):
    bucket.append(item)
    return bucket


class shopping_cart:
    pass


print(sys.argv[0], "a very long line that keeps going and going past the limit of one hundred characters")
'''


def check(source, max_line=100):
    tree = ast.parse(source)
    messages = []
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.asname or alias.name) not in used:
                    messages.append((node.lineno, "W0611", f"Unused import {alias.name}"))
        elif isinstance(node, ast.FunctionDef):
            if not node.name.islower():
                messages.append((node.lineno, "C0103", f'Function name "{node.name}" is not snake_case'))
            for default in node.args.defaults:
                if isinstance(default, (ast.List, ast.Dict, ast.Set)):
                    messages.append((node.lineno, "W0102", "Dangerous default value [] as argument"))
        elif isinstance(node, ast.ClassDef) and not node.name[:1].isupper():
            messages.append((node.lineno, "C0103", f'Class name "{node.name}" is not PascalCase'))
    for number, line in enumerate(source.splitlines(), 1):
        if len(line) > max_line:
            messages.append((number, "C0301", f"Line too long ({len(line)}/{max_line})"))
    statements = sum(isinstance(n, ast.stmt) for n in ast.walk(tree))
    score = max(0.0, 10.0 - 10.0 * len(messages) / statements)
    return sorted(messages), score


messages, score = check(SOURCE)
for line, message_id, text in messages:
    print(f"module.py:{line}: {message_id}: {text}")
print(f"Your code has been rated at {score:.2f}/10")
