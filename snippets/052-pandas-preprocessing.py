# Topic 52: pandas in data preprocessing -- turning raw records into clean, model-ready
# columns: fix types, trim text, drop duplicates, fill missing values, clip outliers, encode
# categories and scale numbers.
import io

import numpy as np
import pandas as pd

raw = io.StringIO("""\
id,name,city,age,income,signup
1, Ada ,london,36,52000,2024-01-15
2,bob,Paris,,48000,2024-02-01
3,Carol,LONDON,29,n/a,2024-02-20
3,Carol,LONDON,29,n/a,2024-02-20
4,dave,paris,240,61000,2024-03-05
5,Eve,Berlin,41,,not a date
""")
df = pd.read_csv(raw, na_values=["n/a"])
print("raw:", df.shape, "duplicates:", int(df.duplicated().sum()), "missing per column:",
      df.isna().sum()[lambda s: s > 0].to_dict())

df = df.drop_duplicates()
df["name"] = df["name"].str.strip().str.title()
df["city"] = df["city"].str.strip().str.lower().astype("category")
df["signup"] = pd.to_datetime(df["signup"], errors="coerce")  # bad dates become NaT
df["age"] = df["age"].clip(upper=100)  # an impossible age is capped
df["age"] = df["age"].fillna(df["age"].median())
df["income"] = df["income"].fillna(df["income"].mean())
print(df.dtypes.astype(str).to_dict())
print(df.to_string(index=False))

df["income_scaled"] = ((df["income"] - df["income"].min()) / (df["income"].max() - df["income"].min())).round(3)
df["signup_month"] = df["signup"].dt.month.astype("Int64")
encoded = pd.get_dummies(df[["id", "city"]], columns=["city"], dtype=int)
print(encoded.to_string(index=False))
print(df[["id", "income_scaled", "signup_month"]].to_string(index=False))
print("ready for a model:", not df[["age", "income"]].isna().any().any(), np.issubdtype(df["age"].dtype, np.number))
