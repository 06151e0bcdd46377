# Topic 50: securing a Python web application -- hash passwords with a slow salted function
# and compare in constant time, keep SQL parameterised, escape output against XSS, sign
# tokens (CSRF, sessions) with a server secret, and send security headers. Shown on a Flask
# app through its test client, with sqlite3.
import hashlib
import hmac
import secrets
import sqlite3

from flask import Flask, request
from markupsafe import escape

SECRET = b"server-side secret, loaded from the environment in real life"


def hash_password(password, salt, iterations=20_000):  # real systems: 600_000 or more (OWASP)
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations).hex()


salt = bytes(16)  # fixed only so this example prints the same every run: use secrets.token_bytes(16)
stored = hash_password("correct horse", salt)
print("stored hash:", stored[:16] + "...", len(stored), "hex characters")
for attempt in ("correct horse", "Correct horse"):
    print(attempt, "->", hmac.compare_digest(stored, hash_password(attempt, salt)))
print("random tokens:", len(secrets.token_urlsafe(32)) >= 43, secrets.token_hex(8) != secrets.token_hex(8))

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE users (name TEXT, role TEXT)")
db.executemany("INSERT INTO users VALUES (?, ?)", [("ada", "admin"), ("bob", "user")])
attack = "nobody' OR '1'='1"
unsafe = db.execute(f"SELECT name FROM users WHERE name = '{attack}'").fetchall()
safe = db.execute("SELECT name FROM users WHERE name = ?", (attack,)).fetchall()
print("string-built SQL leaks:", unsafe, "| parameterised:", safe)


def sign(value):
    return value + "." + hmac.new(SECRET, value.encode(), hashlib.sha256).hexdigest()[:16]


def verify(token):
    value, _, signature = token.rpartition(".")
    return hmac.compare_digest(sign(value), token)


app = Flask(__name__)


@app.after_request
def security_headers(response):
    response.headers["Content-Security-Policy"] = "default-src 'self'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    return response


@app.get("/hello")
def hello():
    return f"<p>Hello, {escape(request.args.get('name', 'world'))}</p>"


@app.post("/transfer")
def transfer():
    if not verify(request.form.get("csrf_token", "")):
        return "forbidden", 403
    return "transferred", 200


client = app.test_client()
page = client.get("/hello", query_string={"name": "<script>alert(1)</script>"})
print(page.get_data(as_text=True))
print({k: v for k, v in page.headers.items() if k.startswith(("Content-Security", "X-"))})
token = sign("session-42")
print(client.post("/transfer", data={"csrf_token": token}).status_code,
      client.post("/transfer", data={"csrf_token": "session-42.forged0000000000"}).status_code,
      client.post("/transfer").status_code)
