# Topic 28: pandas -- labelled tables (DataFrame) and columns (Series) for loading, cleaning,
# filtering, grouping and joining data with vectorised operations.
import pandas as pd

sales = pd.DataFrame({
    "region": ["north", "south", "north", "east", "south", "north"],
    "product": ["pen", "pen", "ink", "pen", "ink", "pen"],
    "units": [3, 5, 2, 7, 1, 4],
    "price": [1.5, 1.5, 4.0, 1.5, 4.0, 1.5],
})
sales["revenue"] = sales["units"] * sales["price"]  # a vectorised column, no loop
print(sales.head(3))
print(sales.dtypes.to_dict())

print(sales[sales["units"] > 3][["region", "units"]])
summary = sales.groupby("region")["revenue"].agg(["sum", "count"]).sort_values("sum", ascending=False)
print(summary)
print(sales.pivot_table(index="region", columns="product", values="units", aggfunc="sum", fill_value=0))

managers = pd.DataFrame({"region": ["north", "south"], "manager": ["Ana", "Bo"]})
joined = sales.merge(managers, on="region", how="left")
print(joined[["region", "manager"]].drop_duplicates().fillna("none").to_string(index=False))
print("total revenue:", sales["revenue"].sum(), "best region:", summary.index[0])
