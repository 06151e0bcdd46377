# Topic: a REST client with requests: a Session with a base URL and headers, GET with query
# parameters, POST of JSON, status checks and timeouts; against a small JSON API served on
# loopback by http.server in this script.
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests

USERS = {1: {"id": 1, "name": "Ada"}, 2: {"id": 2, "name": "Linus"}}


class Api(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if self.headers.get("Authorization") != "Bearer token-123":
            return self.reply(401, {"error": "unauthorized"})
        if url.path == "/users":
            limit = int(parse_qs(url.query).get("limit", ["10"])[0])
            return self.reply(200, list(USERS.values())[:limit])
        if url.path.startswith("/users/") and int(url.path.split("/")[2]) in USERS:
            return self.reply(200, USERS[int(url.path.split("/")[2])])
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        new = {"id": max(USERS) + 1, **body}
        USERS[new["id"]] = new
        self.reply(201, new)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_port}"

with requests.Session() as api:
    api.headers["Authorization"] = "Bearer token-123"
    r = api.get(f"{base}/users", params={"limit": 1}, timeout=5)
    print(r.status_code, r.headers["Content-Type"], r.json())
    r = api.post(f"{base}/users", json={"name": "Grace"}, timeout=5)
    print(r.status_code, r.json())
    print(api.get(f"{base}/users/3", timeout=5).json())
    try:
        api.get(f"{base}/users/99", timeout=5).raise_for_status()
    except requests.HTTPError as exc:
        print("HTTPError:", exc.response.status_code, exc.response.json())
print("without the token:", requests.get(f"{base}/users", timeout=5).status_code)
server.shutdown()
server.server_close()
