# Topic: database transactions: a transfer of money either happens whole or not at all
# (commit / rollback), with sqlite3's connection as a context manager and a savepoint.
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER CHECK (balance >= 0))")
conn.executemany("INSERT INTO accounts VALUES (?, ?)", [("alice", 100), ("bob", 20)])
conn.commit()


def balances():
    return dict(conn.execute("SELECT name, balance FROM accounts ORDER BY name"))


def transfer(source, target, amount):
    try:
        with conn:     # commits when the block ends, rolls back if it raises
            conn.execute("UPDATE accounts SET balance = balance + ? WHERE name = ?", (amount, target))
            conn.execute("UPDATE accounts SET balance = balance - ? WHERE name = ?", (amount, source))
        return "ok"
    except sqlite3.IntegrityError as exc:
        return f"rolled back ({exc})"


print("transfer 30 alice->bob:", transfer("alice", "bob", 30), balances())
print("transfer 500 bob->alice:", transfer("bob", "alice", 500), balances())

# A savepoint undoes part of a transaction and keeps the rest.
conn.isolation_level = None                 # manage BEGIN/COMMIT explicitly
conn.execute("BEGIN")
conn.execute("UPDATE accounts SET balance = balance + 1 WHERE name = 'alice'")
conn.execute("SAVEPOINT bonus")
conn.execute("UPDATE accounts SET balance = balance + 1000 WHERE name = 'bob'")
conn.execute("ROLLBACK TO bonus")
conn.execute("COMMIT")
print("after savepoint rollback:", balances())
