# Topic 39: the os module -- the operating system's interface: directories, files and their
# metadata, the environment, and processes (os.fork and os.waitpid, POSIX only).
import os

os.makedirs(os.path.join("project", "src", "pkg"), exist_ok=True)
for name in ("README.md", os.path.join("src", "main.py"), os.path.join("src", "pkg", "util.py")):
    with open(os.path.join("project", name), "w") as f:
        f.write("# " + name + "\n")

print(sorted(os.listdir("project")))
for root, dirs, files in os.walk("project"):
    dirs.sort()
    print(root, sorted(files))

path = os.path.join("project", "src", "main.py")
print(os.path.exists(path), os.path.isfile(path), os.path.isdir("project/src"))
print(os.path.basename(path), os.path.dirname(path), os.path.splitext(path))
print("size:", os.stat(path).st_size, "bytes")

os.rename(path, os.path.join("project", "src", "app.py"))
os.remove(os.path.join("project", "README.md"))
print(sorted(os.listdir("project")), sorted(os.listdir("project/src")))

os.environ["APP_MODE"] = "test"
print(os.environ.get("APP_MODE"), os.getenv("NOT_SET_ANYWHERE", "default"))

# Processes: fork a child that reports back through a pipe and exits with a status.
read_end, write_end = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(read_end)
    files = sum(len(f) for _, _, f in os.walk("project"))
    os.write(write_end, f"child counted {files} files".encode())
    os._exit(7)
os.close(write_end)
message = os.read(read_end, 100).decode()
os.close(read_end)
_, status = os.waitpid(pid, 0)
print(message, "| exit code:", os.waitstatus_to_exitcode(status))
