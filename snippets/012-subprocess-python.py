# Topic: subprocess.run a child Python (sys.executable), capture stdout/stderr and exit code
import subprocess
import sys

done = subprocess.run(
    [sys.executable, "-c", "print(6 * 7)"],
    capture_output=True, text=True,
)
print("stdout:", done.stdout.strip())
print("returncode:", done.returncode)

failed = subprocess.run(
    [sys.executable, "-c", "import sys; print('oops', file=sys.stderr); sys.exit(3)"],
    capture_output=True, text=True,
)
print("returncode:", failed.returncode, "stderr:", failed.stderr.strip())

try:
    subprocess.run([sys.executable, "-c", "raise SystemExit(1)"], check=True)
except subprocess.CalledProcessError as exc:
    print("CalledProcessError, exit status", exc.returncode)
