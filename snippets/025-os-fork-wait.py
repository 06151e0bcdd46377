# Topic: os.fork and os.waitpid -- the child exits with a status the parent reads back
import os
import sys

read_end, write_end = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(read_end)
    os.write(write_end, b"hello from the child")
    os._exit(7)

os.close(write_end)
message = os.read(read_end, 100).decode()
_, status = os.waitpid(pid, 0)
print("child said:", message)
print("exit code:", os.waitstatus_to_exitcode(status))
sys.stdout.flush()
