# Topic: connecting to SQLite with sqlite3: a database file, a cursor, parameters, commit, rows
# as dictionaries, and closing the connection.
import contextlib
import sqlite3
from pathlib import Path

with contextlib.closing(sqlite3.connect("shop.db")) as conn:
    conn.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL)")
    conn.executemany("INSERT INTO products (name, price) VALUES (?, ?)",
                     [("kettle", 24.5), ("mug", 6.0), ("teapot", 31.25)])
    conn.commit()

print("file created:", Path("shop.db").exists())

with contextlib.closing(sqlite3.connect("shop.db")) as conn:   # a new connection sees the data
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT name, price FROM products WHERE price > ? ORDER BY price", (10,))
    for row in rows:
        print(dict(row))
    count, = conn.execute("SELECT COUNT(*) FROM products").fetchone()
    print("products:", count)

memory = sqlite3.connect(":memory:")   # a throw-away database for tests
print("in-memory tables:", memory.execute("SELECT name FROM sqlite_master").fetchall())
memory.close()
try:
    memory.execute("SELECT 1")
except sqlite3.ProgrammingError as exc:
    print("after close:", exc)
