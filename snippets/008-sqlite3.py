# Topic: sqlite3 -- create a table in an in-memory database, insert with parameters, query
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE fruit (name TEXT PRIMARY KEY, price REAL, qty INTEGER)")
rows = [("apple", 0.5, 10), ("banana", 0.25, 24), ("cherry", 3.0, 2)]
conn.executemany("INSERT INTO fruit VALUES (?, ?, ?)", rows)
conn.commit()

for name, price, qty in conn.execute("SELECT * FROM fruit ORDER BY name"):
    print(f"{name:<8} {price:5.2f} x {qty}")

(total,) = conn.execute("SELECT SUM(price * qty) FROM fruit").fetchone()
print("stock value:", total)

conn.execute("UPDATE fruit SET qty = qty - ? WHERE name = ?", (4, "banana"))
print(conn.execute("SELECT qty FROM fruit WHERE name = 'banana'").fetchone())
print(conn.execute("SELECT COUNT(*) FROM fruit WHERE price > ?", (0.4,)).fetchone()[0])
conn.close()
