"""
The peer side of the benchmark: the same ABC (SPEC 2.1) with pandas, end to end.

  /usr/bin/python3 bench/peers.py xlsx <sales.xlsx> <out.xlsx>   # read_excel(engine="openpyxl")
  /usr/bin/python3 bench/peers.py csv  <sales.csv>  <out.csv>

Steps, each timed: read the 销售记录 sheet (8 columns) -> net revenue per customer in integer
fen (returns are negative lines) -> sort by revenue descending, ties by customer id -> cumsum
over positive revenue -> classes with the "include" rule at 80% / 95% (the customer that
reaches a cut-off is still in the class) -> write customerId, revenue, rank, share, cumShare,
abc for every customer (xlsx via openpyxl for the xlsx run, CSV for the CSV run).
Prints one JSON line: timings (ms) and the class counts (checked against TierPlan's summary).
"""
import json
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

t_import = time.perf_counter()
mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "xlsx":
    df = pd.read_excel(src, sheet_name="销售记录", engine="openpyxl", usecols=["客户编号", "金额"])
else:
    df = pd.read_csv(src, usecols=["客户编号", "金额"], dtype={"客户编号": str})
t_read = time.perf_counter()

fen = np.round(df["金额"].to_numpy(dtype="float64") * 100).astype("int64")
rev = pd.Series(fen).groupby(df["客户编号"].to_numpy()).sum()
t = pd.DataFrame({"customerId": rev.index.astype(str), "revenue": rev.to_numpy()})
t = t.sort_values(["revenue", "customerId"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
pos = t["revenue"].to_numpy() > 0
r = t["revenue"].to_numpy()
total = int(r[pos].sum())
running = np.cumsum(np.where(pos, r, 0))
before = running - np.where(pos, r, 0)
# include rule, exact on integers: in A while the running sum *before* this customer is below 80%
cut_a = 800000 * total
cut_b = 950000 * total
abc = np.where(pos & (before * 1000000 < cut_a), "A", np.where(pos & (before * 1000000 < cut_b), "B", "C"))
t["rank"] = np.arange(1, len(t) + 1)
t["share"] = r / total
t["cumShare"] = np.where(pos, running / total, np.nan)
t["abc"] = abc
t["revenue"] = r / 100
t_abc = time.perf_counter()

if mode == "xlsx":
    t.to_excel(dst, index=False, engine="openpyxl")
else:
    t.to_csv(dst, index=False)
t_write = time.perf_counter()

counts = {k: int((abc == k).sum()) for k in ("A", "B", "C")}
print(json.dumps({
    "mode": mode,
    "lines": int(len(df)),
    "customers": int(len(t)),
    "importMs": round((t_import - t_start) * 1000),
    "readMs": round((t_read - t_import) * 1000),
    "abcMs": round((t_abc - t_read) * 1000),
    "writeMs": round((t_write - t_abc) * 1000),
    "totalMs": round((t_write - t_start) * 1000),
    "abc": counts,
    "pandas": pd.__version__,
}))
