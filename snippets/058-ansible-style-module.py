# Topic: how an Ansible module written in Python works (Ansible is not installed here): it
# receives its arguments as JSON, validates them against an argument spec, does its work
# idempotently and answers with one JSON object (changed, msg, failed).
import json
import subprocess
import sys
from pathlib import Path

MODULE = r'''
import json, sys
from pathlib import Path

SPEC = {"path": {"type": "str", "required": True}, "line": {"type": "str", "required": True},
        "state": {"type": "str", "default": "present", "choices": ["present", "absent"]}}

def fail(msg):
    print(json.dumps({"failed": True, "msg": msg})); sys.exit(1)

def main():
    args = json.loads(Path(sys.argv[1]).read_text())
    params = {}
    for name, rule in SPEC.items():
        if name not in args:
            if rule.get("required"):
                fail(f"missing required arguments: {name}")
            args[name] = rule.get("default")
        if "choices" in rule and args[name] not in rule["choices"]:
            fail(f"value of {name} must be one of: {', '.join(rule['choices'])}")
        params[name] = args[name]
    path = Path(params["path"])
    lines = path.read_text().splitlines() if path.exists() else []
    present = params["line"] in lines
    changed = present != (params["state"] == "present")
    if changed:
        lines = lines + [params["line"]] if not present else [l for l in lines if l != params["line"]]
        path.write_text("".join(l + "\n" for l in lines))
    print(json.dumps({"changed": changed, "msg": f"line {params['state']}"}))

main()
'''
Path("lineinfile.py").write_text(MODULE)


def run_module(**args):
    Path("args.json").write_text(json.dumps(args))
    done = subprocess.run([sys.executable, "lineinfile.py", "args.json"], capture_output=True, text=True)
    return json.loads(done.stdout)


print("1st run:", run_module(path="hosts", line="10.0.0.5 web1"))
print("2nd run:", run_module(path="hosts", line="10.0.0.5 web1"))   # idempotent: no change
print("remove: ", run_module(path="hosts", line="10.0.0.5 web1", state="absent"))
print("bad arg:", run_module(path="hosts", line="x", state="maybe"))
print("missing:", run_module(line="x"))
