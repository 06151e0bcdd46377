# Topic: uvicorn and ASGI: an ASGI app is an async callable(scope, receive, send); uvicorn is
# the server that turns HTTP into those calls. Here the app is driven the way uvicorn drives
# it, and uvicorn's own Config parses the settings of the command line.
import asyncio
import json
import shlex

import uvicorn


async def app(scope, receive, send):
    assert scope["type"] == "http"
    request = await receive()
    payload = json.loads(request["body"] or b"{}")
    body = json.dumps({"path": scope["path"], "method": scope["method"], "echo": payload}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def serve_one(method, path, body=b""):
    sent = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "path": path, "query_string": b"", "headers": []}
    await app(scope, receive, send)
    return [m["type"] for m in sent], sent[0]["status"], json.loads(sent[1]["body"])


print(asyncio.run(serve_one("GET", "/items")))
print(asyncio.run(serve_one("POST", "/items", b'{"name": "pen"}')))

command = "uvicorn main:app --host 0.0.0.0 --port 8000 --workers 4"
print("command line:", shlex.split(command))
config = uvicorn.Config("main:app", host="0.0.0.0", port=8000, workers=4)
print("uvicorn.Config:", config.app, config.host, config.port, "workers", config.workers)
