# Topic: large CSV files without loading them whole: stream rows with csv.DictReader, or let
# pandas read fixed-size chunks and combine per-chunk aggregates.
import csv
from collections import defaultdict

import pandas as pd

with open("sales.csv", "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["region", "units", "price"])
    for i in range(10_000):
        writer.writerow([("north", "south", "east", "west")[i % 4], i % 7 + 1, 2.5 + i % 3])

# 1. Streaming with the csv module: one row in memory at a time.
revenue = defaultdict(float)
with open("sales.csv", newline="") as f:
    for row in csv.DictReader(f):
        revenue[row["region"]] += int(row["units"]) * float(row["price"])
print("csv module:", {region: round(total, 1) for region, total in sorted(revenue.items())})

# 2. pandas chunks: read 2,500 rows at a time with only the needed columns and small dtypes.
partials = []
chunks = pd.read_csv("sales.csv", chunksize=2_500, usecols=["region", "units", "price"],
                     dtype={"region": "category", "units": "int8", "price": "float32"})
for number, chunk in enumerate(chunks, 1):
    chunk["revenue"] = chunk["units"] * chunk["price"].astype("float64")
    partials.append(chunk.groupby("region", observed=True)["revenue"].sum())
    print(f"chunk {number}: {len(chunk)} rows")
combined = pd.concat(partials).groupby(level=0).sum().round(1)
print("pandas chunks:", combined.to_dict())
print("same answer:", combined.to_dict() == {r: round(t, 1) for r, t in revenue.items()})
