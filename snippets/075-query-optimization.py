# Topic: optimising database queries: an index turns a full scan into a search (EXPLAIN QUERY
# PLAN shows it), select only the columns you need, batch inserts, and avoid N+1 queries.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL, note TEXT)")
conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
conn.executemany("INSERT INTO customers VALUES (?, ?)", [(i, f"customer{i}") for i in range(100)])
# One executemany call instead of 5000 execute calls.
conn.executemany("INSERT INTO orders (customer_id, total, note) VALUES (?, ?, ?)",
                 ((i % 100, i * 1.5, "x" * 50) for i in range(5000)))


def plan(sql, params=()):
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


query = "SELECT total FROM orders WHERE customer_id = ?"
print("before index:", plan(query, (7,)))
conn.execute("CREATE INDEX idx_orders_customer ON orders (customer_id)")
print("after index: ", plan(query, (7,)))
covering = "SELECT customer_id, SUM(total) FROM orders WHERE customer_id = ?"
conn.execute("CREATE INDEX idx_orders_customer_total ON orders (customer_id, total)")
print("covering:    ", plan(covering, (7,)))

statements = []
conn.set_trace_callback(statements.append)
# N+1: one query for the customers, then one per customer.
for (cid,) in conn.execute("SELECT id FROM customers WHERE id < 5").fetchall():
    conn.execute("SELECT COUNT(*) FROM orders WHERE customer_id = ?", (cid,)).fetchone()
n_plus_one = len(statements)
statements.clear()
joined = conn.execute("""SELECT c.name, COUNT(o.id) FROM customers c JOIN orders o ON o.customer_id = c.id
                         WHERE c.id < 5 GROUP BY c.id ORDER BY c.id""").fetchall()
conn.set_trace_callback(None)
print("N+1 pattern:", n_plus_one, "statements; one JOIN:", len(statements), "statement")
print("joined result:", joined[:2])
