# Topic: preventing SQL injection: what string formatting lets an attacker do, and how
# parameterised queries (and an allow-list for identifiers, which cannot be parameters) stop it.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE users (name TEXT, password TEXT, admin INTEGER)")
conn.executemany("INSERT INTO users VALUES (?, ?, ?)", [("ann", "s3cret", 1), ("bob", "pa55", 0)])


def login_unsafe(name, password):
    sql = f"SELECT name FROM users WHERE name = '{name}' AND password = '{password}'"
    return conn.execute(sql).fetchall()


def login_safe(name, password):
    sql = "SELECT name FROM users WHERE name = ? AND password = ?"
    return conn.execute(sql, (name, password)).fetchall()


attack = "' OR '1'='1"
print("unsafe, right password:", login_unsafe("bob", "pa55"))
print("unsafe, injected:      ", login_unsafe("anyone", attack))
print("safe, injected:        ", login_safe("anyone", attack))
print("safe, right password:  ", login_safe("bob", "pa55"))

try:
    conn.execute(f"SELECT * FROM users WHERE name = '{'x'}'; DROP TABLE users; --'")
except sqlite3.ProgrammingError as exc:   # execute() runs one statement only
    print("stacked query refused:", exc)
print("table still there:", conn.execute("SELECT COUNT(*) FROM users").fetchone()[0], "rows")

SORTABLE = {"name", "admin"}


def list_users(order_by):
    if order_by not in SORTABLE:               # column names cannot be "?" parameters
        raise ValueError(f"cannot sort by {order_by!r}")
    return [r[0] for r in conn.execute(f"SELECT name FROM users ORDER BY {order_by} DESC")]


print("sorted by admin:", list_users("admin"))
try:
    list_users("name; DROP TABLE users")
except ValueError as exc:
    print("refused:", exc)
