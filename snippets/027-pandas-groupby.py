# Topic: pandas groupby -- total and count per group, printed as a DataFrame
import pandas as pd

sales = pd.DataFrame(
    {
        "region": ["north", "south", "north", "east", "south", "north"],
        "units": [3, 5, 2, 7, 1, 4],
    }
)
summary = sales.groupby("region")["units"].agg(["sum", "count"])
print(summary)
print("best region:", summary["sum"].idxmax())
