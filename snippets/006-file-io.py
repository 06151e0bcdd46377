# Topic: file I/O -- write a text file with a relative path, append to it, read it back
lines = ["first line", "second line", "third line"]

with open("notes.txt", "w", encoding="utf-8") as f:
    for line in lines:
        f.write(line + "\n")

with open("notes.txt", "a", encoding="utf-8") as f:
    print("appended line", file=f)

with open("notes.txt", encoding="utf-8") as f:
    for number, line in enumerate(f, start=1):
        print(number, line.rstrip("\n"))

with open("notes.txt", encoding="utf-8") as f:
    text = f.read()
print(len(text.splitlines()), "lines,", len(text), "characters")
