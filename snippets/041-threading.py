# Topic 41: the threading module -- threads share one process's memory and suit I/O-bound
# work: while one waits on the network, another runs. Here a local HTTP server on loopback
# (a thread itself) answers several client threads; a Lock guards the shared results.
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from queue import Queue


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"page {self.path.strip('/')} has {len(self.path)} characters".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the server quiet
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # port 0: any free port
server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
server_thread.start()
base = f"http://127.0.0.1:{server.server_address[1]}"

results = {}
lock = threading.Lock()


def fetch(path):
    with urllib.request.urlopen(base + path, timeout=5) as response:
        text = response.read().decode()
    with lock:
        results[path] = text


threads = [threading.Thread(target=fetch, args=(f"/{name}",), name=f"fetch-{name}")
           for name in ("home", "about", "blog", "contact")]
for t in threads:
    t.start()
for t in threads:
    t.join()  # wait for every one of them
for path in sorted(results):
    print(path, "->", results[path])
print("any still alive:", any(t.is_alive() for t in threads))

# A worker thread fed through a thread-safe Queue; None tells it to stop.
jobs, done = Queue(), []


def worker():
    while (item := jobs.get()) is not None:
        done.append(item ** 2)
        jobs.task_done()


consumer = threading.Thread(target=worker)
consumer.start()
for n in range(5):
    jobs.put(n)
jobs.join()
jobs.put(None)
consumer.join()
print("worker results:", done)

server.shutdown()
server.server_close()
server_thread.join(5)
print("server stopped:", not server_thread.is_alive())
