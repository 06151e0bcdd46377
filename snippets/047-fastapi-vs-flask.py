# Topic 47: FastAPI's advantages over Flask -- the same endpoint in both: FastAPI validates
# and converts the input from type hints (422 with details, no hand-written checks), documents
# itself as OpenAPI, and runs async handlers natively (ASGI); Flask needs all that by hand.
from fastapi import FastAPI
from fastapi.testclient import TestClient
from flask import Flask, jsonify, request
from pydantic import BaseModel, Field

flask_app = Flask(__name__)


@flask_app.post("/orders")
def flask_order():
    data = request.get_json(silent=True) or {}
    errors = []
    if not isinstance(data.get("item"), str):
        errors.append("item must be a string")
    try:
        quantity = int(data.get("quantity", "missing"))
        if quantity < 1:
            errors.append("quantity must be at least 1")
    except (TypeError, ValueError):
        errors.append("quantity must be an integer")
    if errors:
        return jsonify(errors=errors), 400
    return jsonify(item=data["item"], quantity=quantity), 201


fast_app = FastAPI()


class Order(BaseModel):
    item: str
    quantity: int = Field(ge=1)


@fast_app.post("/orders", status_code=201)
async def fast_order(order: Order):  # parsed, converted and validated before this runs
    return order


flask_client, fast_client = flask_app.test_client(), TestClient(fast_app)
for body in ({"item": "pen", "quantity": "3"}, {"item": "pen", "quantity": 0}, {"quantity": "x"}):
    f = flask_client.post("/orders", json=body)
    a = fast_client.post("/orders", json=body)
    print("body:", body)
    print("  flask:  ", f.status_code, f.json)
    print("  fastapi:", a.status_code, a.json() if a.status_code == 201 else
          [(".".join(map(str, e["loc"])), e["msg"]) for e in a.json()["detail"]])

schema = fast_client.get("/openapi.json").json()
print("FastAPI documents itself:", list(schema["paths"]), sorted(schema["components"]["schemas"]["Order"]["properties"]))
print("Flask has no schema route:", flask_client.get("/openapi.json").status_code)
