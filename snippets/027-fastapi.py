# Topic 27: FastAPI -- an ASGI framework where type hints declare path and query parameters
# and request bodies (validated by pydantic), with OpenAPI docs generated for free. Run here
# with its test client instead of a server.
from typing import Optional

from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

app = FastAPI(title="Inventory")
ITEMS = {1: {"name": "keyboard", "price": 49.5}}


class Item(BaseModel):
    name: str
    price: float = Field(gt=0)
    tags: list[str] = []


@app.get("/items/{item_id}")
def read_item(item_id: int, verbose: bool = False):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="item not found")
    item = ITEMS[item_id]
    return item if verbose else {"name": item["name"]}


@app.post("/items", status_code=201)
def create_item(item: Item):
    new_id = max(ITEMS) + 1
    ITEMS[new_id] = item.dict()
    return {"id": new_id, **item.dict()}


@app.get("/search")
async def search(q: str, limit: Optional[int] = 10):
    return {"q": q, "limit": limit}


client = TestClient(app)
print(client.get("/items/1").json())
print(client.get("/items/1", params={"verbose": "true"}).json())
print(client.get("/items/7").status_code, client.get("/items/7").json())
r = client.post("/items", json={"name": "mouse", "price": 19.99, "tags": ["usb"]})
print(r.status_code, r.json())
bad = client.post("/items", json={"name": "free", "price": 0})
print(bad.status_code, [(e["loc"], e["type"]) for e in bad.json()["detail"]])
print(client.get("/items/abc").status_code, client.get("/search", params={"q": "cable"}).json())
print(sorted(client.get("/openapi.json").json()["paths"]))
