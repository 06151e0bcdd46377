# Topic: regular expressions with re -- search, findall, named groups, sub, split, compile
import re

log = "2024-01-15 ERROR disk full; 2024-01-16 INFO ok; 2024-02-01 ERROR cpu hot"

print(re.findall(r"\d{4}-\d{2}-\d{2}", log))

pattern = re.compile(r"(?P<date>\d{4}-(?P<month>\d{2})-\d{2}) (?P<level>[A-Z]+) (?P<msg>[^;]+)")
for m in pattern.finditer(log):
    if m["level"] == "ERROR":
        print(m["date"], "->", m["msg"], "| month", m.group("month"))

m = re.search(r"(\w+) (\w+)$", log)
print(m.groups(), m.span())

print(re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", "due 2024-03-09"))
print(re.split(r"\s*[,;]\s*", "a, b;c ,d"))
print(bool(re.fullmatch(r"[a-z_]\w*", "snake_case1")), bool(re.match(r"\d", "x1")))
print(re.sub(r"\s+", " ", "  too   many    spaces ").strip())
