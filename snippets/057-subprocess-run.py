# Topic: subprocess: run a command with an argument list (no shell), capture its output, check
# its exit status, feed it input and bound it with a timeout.
import subprocess
import sys

result = subprocess.run([sys.executable, "-c", "import sys; print(sys.argv[1:])", "a b", "$HOME"],
                        capture_output=True, text=True)
print("args arrive unsplit and unexpanded:", result.stdout.strip())
print("returncode:", result.returncode)

upper = subprocess.run([sys.executable, "-c", "import sys; print(sys.stdin.read().upper(), end='')"],
                       input="piped text\n", capture_output=True, text=True)
print("with input:", upper.stdout.strip())

try:
    subprocess.run([sys.executable, "-c", "import sys; sys.stderr.write('disk full'); sys.exit(4)"],
                   capture_output=True, text=True, check=True)
except subprocess.CalledProcessError as exc:
    print("check=True raised: exit", exc.returncode, "stderr:", exc.stderr)

try:
    subprocess.run([sys.executable, "-c", "import time; time.sleep(5)"], timeout=0.2)
except subprocess.TimeoutExpired as exc:
    print("TimeoutExpired for", exc.cmd[1:], "(the child is killed)")
