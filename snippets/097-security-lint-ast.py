# Topic: what bandit does (bandit is not installed here): walk the AST of source code and flag
# known-dangerous patterns by test id: hard-coded passwords, eval/exec, shell=True, pickle,
# weak hashes, asserts used for security. A small scanner with bandit's kind of rules.
import ast

CODE = '''\
import hashlib, pickle, subprocess
password = "hunter2"
def run(user_input):
    subprocess.run(f"ls {user_input}", shell=True)
    subprocess.run(["ls", user_input])
    return eval(user_input)
def load(blob):
    assert blob, "checked"
    return pickle.loads(blob)
digest = hashlib.md5(b"data").hexdigest()
safe = hashlib.sha256(b"data").hexdigest()
'''

CALLS = {"eval": ("B307", "use of eval"), "exec": ("B102", "use of exec"),
         "pickle.loads": ("B301", "pickle can run code when loading untrusted data"),
         "hashlib.md5": ("B324", "weak hash (md5)")}


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def scan(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name) and "pass" in target.id.lower():
                    yield node.lineno, "B105", f"hard-coded password in {target.id!r}"
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name in CALLS:
                yield node.lineno, *CALLS[name]
            shell = any(k.arg == "shell" and getattr(k.value, "value", False) for k in node.keywords)
            if name.startswith("subprocess.") and shell:
                yield node.lineno, "B602", "subprocess call with shell=True"
        if isinstance(node, ast.Assert):
            yield node.lineno, "B101", "assert is removed under python -O"


for line, test_id, message in sorted(scan(CODE)):
    print(f"line {line:2}  {test_id}  {message}")
print("lines 5 and 11 (list arguments, sha256) are not flagged")
