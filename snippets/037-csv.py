# Topic 37: the csv module -- reads and writes comma-separated data correctly: quoted fields
# holding commas, quotes or newlines, other delimiters, and rows as dicts keyed by the header.
import csv
import io

rows = [
    {"name": "Ada Lovelace", "city": "London", "note": "first programmer"},
    {"name": "Grace Hopper", "city": "New York, NY", "note": 'said "it\'s easier to ask forgiveness"'},
    {"name": "Alan Turing", "city": "Wilmslow", "note": "line one\nline two"},
]

with open("people.csv", "w", newline="", encoding="utf-8") as f:  # newline="": csv handles it
    writer = csv.DictWriter(f, fieldnames=["name", "city", "note"])
    writer.writeheader()
    writer.writerows(rows)

with open("people.csv", newline="", encoding="utf-8") as f:
    print(f.read(), end="")

with open("people.csv", newline="", encoding="utf-8") as f:
    for record in csv.DictReader(f):
        print(f"{record['name']} | {record['city']} | {record['note']!r}")

with open("people.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    print(header, sum(1 for _ in reader), "data rows")

# Other dialects: a semicolon-separated export, and numbers that come back as text.
text = "product;qty;price\npen;3;1.50\nink;2;4.00\n"
total = sum(int(r["qty"]) * float(r["price"]) for r in csv.DictReader(io.StringIO(text), delimiter=";"))
print("total:", total)
print(csv.Sniffer().sniff(text).delimiter)

out = io.StringIO()
csv.writer(out, quoting=csv.QUOTE_NONNUMERIC).writerow(["a", 1, 2.5, None])
print(out.getvalue(), end="")
