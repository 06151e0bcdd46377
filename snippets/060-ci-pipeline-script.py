# Topic: a CI/CD step runner in Python: run each stage as a subprocess, stop at the first failure,
# report a summary and return the exit status the CI system reads.
import subprocess
import sys

STAGES = [
    ("lint", [sys.executable, "-c", "import ast; ast.parse('x = 1'); print('syntax ok')"]),
    ("test", [sys.executable, "-c", "assert sum([1, 2, 3]) == 6; print('3 checks passed')"]),
    ("build", [sys.executable, "-c", "import sys; print('compiling'); sys.exit(2)"]),
    ("deploy", [sys.executable, "-c", "print('deploying')"]),
]


def run_pipeline(stages):
    for name, command in stages:
        done = subprocess.run(command, capture_output=True, text=True)
        status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
        print(f"[{name}] {done.stdout.strip()} -> {status}")
        if done.returncode != 0:
            skipped = [n for n, _ in stages[stages.index((name, command)) + 1:]]
            print("skipped:", ", ".join(skipped) or "nothing")
            return done.returncode
    return 0


code = run_pipeline(STAGES)
print("pipeline exit status:", code)
try:
    sys.exit(code)          # CI marks the job red on a non-zero status
except SystemExit as exc:
    print("would exit with", exc.code)
