# Topic 46: a REST API with Flask -- routes per resource and HTTP method, JSON in and out
# (request.get_json, jsonify), status codes for created / not found / bad request. Exercised
# with Flask's test client instead of a running server.
from flask import Flask, jsonify, request, abort

app = Flask(__name__)
tasks = {1: {"id": 1, "title": "write tests", "done": False}}


@app.get("/tasks")
def list_tasks():
    done = request.args.get("done")
    items = list(tasks.values())
    if done is not None:
        items = [t for t in items if t["done"] == (done == "true")]
    return jsonify(items)


@app.get("/tasks/<int:task_id>")
def get_task(task_id):
    if task_id not in tasks:
        abort(404)
    return jsonify(tasks[task_id])


@app.post("/tasks")
def create_task():
    data = request.get_json(silent=True) or {}
    if not isinstance(data.get("title"), str) or not data["title"]:
        return jsonify(error="title is required"), 400
    task = {"id": max(tasks) + 1, "title": data["title"], "done": False}
    tasks[task["id"]] = task
    return jsonify(task), 201, {"Location": f"/tasks/{task['id']}"}


@app.patch("/tasks/<int:task_id>")
def update_task(task_id):
    task = tasks.get(task_id) or abort(404)
    task.update({k: v for k, v in request.get_json().items() if k in ("title", "done")})
    return jsonify(task)


@app.delete("/tasks/<int:task_id>")
def delete_task(task_id):
    tasks.pop(task_id, None) or abort(404)
    return "", 204


@app.errorhandler(404)
def not_found(error):
    return jsonify(error="not found"), 404


client = app.test_client()
print(client.get("/tasks").json)
r = client.post("/tasks", json={"title": "ship it"})
print(r.status_code, r.json, r.headers["Location"])
print(client.post("/tasks", json={}).status_code, client.post("/tasks", json={}).json)
print(client.patch("/tasks/2", json={"done": True}).json)
print(client.get("/tasks?done=true").json)
print(client.delete("/tasks/1").status_code, client.get("/tasks/1").status_code, client.get("/tasks/1").json)
print(client.put("/tasks/2").status_code, "method not allowed")
print(sorted((rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})[0]) for rule in app.url_map.iter_rules()
             if rule.endpoint != "static"))
