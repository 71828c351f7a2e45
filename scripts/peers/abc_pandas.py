#!/usr/bin/python3
"""
Independent ABC / Pareto classification with pandas (the peer for TierPlan's src/domain/abc.ts).

    /usr/bin/python3 scripts/peers/abc_pandas.py test/fixtures/public/superstore_lines.csv [out.csv]

Input: CSV with columns customer_id, amount (one row per sales line, amounts in yuan with at
most 2 decimals; negative = return). Output: one row per customer with net revenue in cents,
rank, cumulative share and the ABC class under both boundary rules of SPEC §2.1:

- sort by net revenue descending, ties by customer id (code-point order);
- total = sum of positive net revenue; customers with zero or negative revenue are C;
- include (default, SAP BW): a customer is A when the running total BEFORE it is still below
  80% of the total (so the customer that reaches or crosses 80% is A), B likewise for 95%;
- strict (R inventorize): a customer is A when the running total INCLUDING it is strictly
  below 80%, B when strictly below 95%.

Everything is decided on integer cents (Python ints), never on float shares. The formulation
(prefix sums compared with the cut-offs) is deliberately different from TierPlan's, which
walks the sorted list closing one class after the other.
"""
import sys
from decimal import Decimal

import pandas as pd

CUT_A = (80, 100)  # 80 %
CUT_B = (95, 100)  # 95 %


def cents(s: str) -> int:
    return int((Decimal(str(s).strip()) * 100).to_integral_value())


def classify(lines: pd.DataFrame) -> pd.DataFrame:
    lines = lines.assign(cents=lines["amount"].map(cents))
    rev = lines.groupby("customer_id", sort=False)["cents"].sum().reset_index(name="revenue_cents")
    # Descending revenue, ascending id: sort by id first, then a stable sort on revenue.
    rev = rev.sort_values("customer_id", kind="mergesort")
    rev = rev.sort_values("revenue_cents", ascending=False, kind="mergesort").reset_index(drop=True)
    rev["rank"] = range(1, len(rev) + 1)
    positive = rev["revenue_cents"].clip(lower=0)
    total = int(positive.sum())
    run_incl = positive.cumsum().astype(object)  # Python ints: exact
    run_before = run_incl - positive.astype(object)

    def below(run: int, cut: tuple) -> bool:
        return run * cut[1] < cut[0] * total

    include, strict, cum = [], [], []
    for rv, before, incl in zip(rev["revenue_cents"], run_before, run_incl):
        if rv <= 0 or total == 0:
            include.append("C")
            strict.append("C")
            cum.append("")
            continue
        include.append("A" if below(before, CUT_A) else "B" if below(before, CUT_B) else "C")
        strict.append("A" if below(incl, CUT_A) else "B" if below(incl, CUT_B) else "C")
        cum.append(f"{Decimal(int(incl)) / Decimal(total):.6f}")
    rev["cum_share"] = cum
    rev["abc_include"] = include
    rev["abc_strict"] = strict
    return rev[["customer_id", "revenue_cents", "rank", "cum_share", "abc_include", "abc_strict"]]


def main() -> None:
    src = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else None
    lines = pd.read_csv(src, dtype={"customer_id": str, "amount": str}, keep_default_na=False)
    lines["customer_id"] = lines["customer_id"].str.strip()
    result = classify(lines)
    text = result.to_csv(index=False, lineterminator="\n")
    if out:
        with open(out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
