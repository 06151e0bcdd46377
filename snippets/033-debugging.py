# Topic 33: debugging effectively -- read the traceback first, then inspect state: pdb (or
# breakpoint()) to step through code, tracing, and logging instead of scattered prints.
# pdb is driven here by a script of commands instead of a keyboard.
import io
import linecache
import pdb
import sys
import traceback

SOURCE = """\
def mean(values):
    total = 0
    for v in values:
        total += v
    return total / len(values)
"""
linecache.cache["<stats>"] = (len(SOURCE), None, SOURCE.splitlines(True), "<stats>")  # its source
namespace = {}
exec(compile(SOURCE, "<stats>", "exec"), namespace)
mean = namespace["mean"]

# 1. The traceback: where it failed and what was called.
try:
    mean([])
except ZeroDivisionError:
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in frames[1:]:
        print(f"{frame.filename}:{frame.lineno} in {frame.name}: {frame.line}")
    print(traceback.format_exc().splitlines()[-1])

# 2. pdb, scripted: stop in the function, step, print variables, continue.
commands = io.StringIO("next\nnext\nnext\np values, total, v\nuntil 5\np total\ncontinue\n")
output = io.StringIO()
debugger = pdb.Pdb(stdin=commands, stdout=output, nosigint=True)
debugger.use_rawinput = False
result = debugger.runcall(mean, [3, 5])
for line in output.getvalue().splitlines():
    print(("  pdb| " + line).rstrip())
print("result after continue:", result)

# 3. A trace function: every line executed, with the local variables at that point.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_filename == "<stats>" and event == "line":
        events.append((frame.f_lineno, dict(frame.f_locals)))
    return tracer


sys.settrace(tracer)
mean([4])
sys.settrace(None)
for lineno, local_vars in events:
    print(f"line {lineno}: {local_vars}")
