# Topic: psycopg2, PostgreSQL's DB-API 2.0 driver. Without a PostgreSQL server here: what psycopg2
# does offline (quoting values as SQL literals, its "%s" parameter style, its error classes), and
# the same DB-API calls against sqlite3, which differ only in the placeholder.
import socket
import sqlite3

import psycopg2
from psycopg2.extensions import adapt

print("DB-API level:", psycopg2.apilevel, "| paramstyle psycopg2:", psycopg2.paramstyle,
      "sqlite3:", sqlite3.paramstyle)

# psycopg2 never pastes values into SQL text itself: it adapts them to quoted literals.
for value in [42, 2.5, None, True, [1, 2]]:
    print(f"adapt({value!r}) ->", adapt(value).getquoted().decode())

# No server listening: connect() raises OperationalError, a subclass of the DB-API Error.
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    free_port = probe.getsockname()[1]          # closed again: nothing listens there
try:
    psycopg2.connect(host="127.0.0.1", port=free_port, dbname="shop", user="app", connect_timeout=2)
except psycopg2.OperationalError as exc:
    print("no server:", type(exc).__name__, "is a DB-API Error:", isinstance(exc, psycopg2.Error))
    print("refused:", "Connection refused" in str(exc))


def top_customers(conn, placeholder, minimum):
    cur = conn.cursor()
    cur.execute(f"SELECT name, spent FROM customers WHERE spent >= {placeholder} ORDER BY spent DESC",
                (minimum,))
    return cur.fetchall()


conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE customers (name TEXT, spent INTEGER)")
conn.executemany("INSERT INTO customers VALUES (?, ?)", [("ann", 300), ("ben", 50), ("cy", 120)])
print("same code, '?' for sqlite3 ('%s' for psycopg2):", top_customers(conn, "?", 100))
