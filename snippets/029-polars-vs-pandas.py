# Topic 29: Polars vs pandas -- pandas runs each step eagerly, one at a time; Polars (Rust,
# Arrow columns, many cores) can build a lazy query and optimise the whole plan before it
# runs, e.g. filtering rows before computing columns nobody keeps. Polars is not packaged
# for this machine, so the lazy idea is shown with a small query builder over pandas.
import pandas as pd

df = pd.DataFrame({"city": ["Oslo", "Rome", "Oslo", "Lima", "Rome"],
                   "temp": [3, 18, 5, 21, 16], "rain": [1.2, 0.0, 0.4, 0.1, 2.5]})

# pandas, eager: every line computes a full intermediate result.
eager = df.assign(temp_f=df["temp"] * 9 / 5 + 32)
eager = eager[eager["city"] != "Lima"]
eager = eager.groupby("city", as_index=False)["temp_f"].mean()
print(eager)


class LazyFrame:
    """Records the steps; collect() optimises the plan, then runs it on pandas."""

    def __init__(self, frame, plan=()):
        self.frame, self.plan = frame, list(plan)

    def with_column(self, name, func, needs):
        return LazyFrame(self.frame, self.plan + [("with_column", name, func, needs)])

    def filter(self, column, func):
        return LazyFrame(self.frame, self.plan + [("filter", column, func)])

    def group_mean(self, key, column):
        return LazyFrame(self.frame, self.plan + [("group_mean", key, column)])

    def optimized(self):
        # Predicate pushdown: a filter that only reads original columns runs first.
        derived = {step[1] for step in self.plan if step[0] == "with_column"}
        pushed = [s for s in self.plan if s[0] == "filter" and s[1] not in derived]
        return pushed + [s for s in self.plan if s not in pushed]

    def explain(self):
        return " -> ".join(f"{s[0]}({s[1]})" for s in self.optimized())

    def collect(self):
        frame = self.frame
        for step in self.optimized():
            if step[0] == "filter":
                frame = frame[step[2](frame[step[1]])]
            elif step[0] == "with_column":
                frame = frame.assign(**{step[1]: step[2](frame[step[3]])})
            else:
                frame = frame.groupby(step[1], as_index=False)[step[2]].mean()
        return frame


query = (LazyFrame(df)
         .with_column("temp_f", lambda t: t * 9 / 5 + 32, needs="temp")
         .filter("city", lambda c: c != "Lima")
         .group_mean("city", "temp_f"))
print("written:  ", " -> ".join(f"{s[0]}({s[1]})" for s in query.plan))
print("optimized:", query.explain())
lazy = query.collect()
print(lazy)
print("same result as eager pandas:", lazy.equals(eager))
