# Topic 36: reading and writing files -- open() in a with block (closed even on error), the
# mode (r, w, a, x, binary b), an explicit encoding, and iteration line by line so a big
# file never has to fit in memory.
lines = ["first line", "second line", "third line"]

with open("notes.txt", "w", encoding="utf-8") as f:
    for line in lines:
        f.write(line + "\n")
with open("notes.txt", "a", encoding="utf-8") as f:
    print("appended: café", file=f)

with open("notes.txt", encoding="utf-8") as f:
    for number, line in enumerate(f, start=1):  # one line at a time
        print(number, line.rstrip("\n"))
print("closed after the with block:", f.closed)

with open("notes.txt", encoding="utf-8") as f:
    text = f.read()
print(len(text.splitlines()), "lines,", len(text), "characters")

with open("notes.txt", "rb") as f:  # binary: bytes, no decoding
    data = f.read()
    print(len(data), "bytes; é takes two:", data[-6:])
    f.seek(6)
    print("after seek(6):", f.read(4), "position", f.tell())

try:
    open("notes.txt", "x")  # x: create, fail if it exists
except FileExistsError:
    print("mode x refused to overwrite notes.txt")

with open("data.bin", "wb") as f:
    f.write(bytes(range(5)))
with open("data.bin", "rb") as f:
    print(list(f.read()))

try:
    with open("missing.txt", encoding="utf-8") as f:
        pass
except FileNotFoundError as exc:
    print(type(exc).__name__, exc.filename)

with open("notes.txt", "r+", encoding="utf-8") as f:
    f.write("FIRST")
with open("notes.txt", encoding="utf-8") as f:
    print(f.readline().strip(), "|", f.readlines()[-1].strip())
