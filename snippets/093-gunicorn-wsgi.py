# Topic: serving a WSGI app with gunicorn: what a WSGI app is (called here directly, as gunicorn's
# workers do), how many workers to start, and the command line, built and quoted with shlex.
import io
import shlex
from wsgiref.util import setup_testing_defaults


def app(environ, start_response):            # "app:app" is module:callable for gunicorn
    path = environ["PATH_INFO"]
    if path == "/health":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [f"no route {path}".encode()]


def call(path):
    environ = {"PATH_INFO": path, "wsgi.errors": io.StringIO()}
    setup_testing_defaults(environ)
    captured = {}
    body = b"".join(app(environ, lambda status, headers: captured.update(status=status)))
    return captured["status"], body.decode()


print("GET /health ->", call("/health"))
print("GET /nope   ->", call("/nope"))


def gunicorn_command(module, cores, bind="0.0.0.0:8000", worker_class="sync", timeout=30):
    workers = 2 * cores + 1                   # the rule of thumb from gunicorn's docs
    return ["gunicorn", "--workers", str(workers), "--worker-class", worker_class,
            "--bind", bind, "--timeout", str(timeout), "--access-logfile", "-", module]


for cores in (1, 4):
    print(f"{cores} core(s):", shlex.join(gunicorn_command("app:app", cores)))
print("threaded workers on a unix socket:",
      shlex.join(gunicorn_command("app:app", 2, worker_class="gthread", bind="unix:/run/app.sock")))
print("the argument list survives quoting:",
      shlex.split(shlex.join(gunicorn_command("my app:app", 1)))[-1] == "my app:app")
