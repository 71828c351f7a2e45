#!/usr/bin/python3
"""
Peer for the intake fixtures (test/fixtures/intake): reads each ledger with openpyxl +
pandas at the rows and column letters the fixture states (not through TierPlan's detector),
and classifies customers with the ABC rule of abc_pandas.py.

    /usr/bin/python3 scripts/peers/intake_abc.py specs.json

specs.json: a list of {"path", "sheet", "firstRow", "lastRow", "customer", "amount", "date",
"fillDown"}; rows 1-based, columns as letters. Output (stdout): JSON {path: {customer: class}}.

A line is a row whose date cell is filled and whose cells hold no totals label (合计, 小计,
总计, Total); a blank customer cell takes the one above when fillDown is set (merged cells).
Formula cells are read as their cached values (data_only=True), as Excel shows them.
"""
import json
import re
import sys
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

sys.path.insert(0, str(Path(__file__).parent))
from abc_pandas import classify  # noqa: E402

TOTALS = re.compile(r"(合计|小计|总计|^total|^subtotal|^grand\s*total)", re.I)


def blank(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def lines_of(spec: dict) -> pd.DataFrame:
    wb = load_workbook(spec["path"], data_only=True, read_only=False)
    ws = wb[spec["sheet"]]
    cust_col = column_index_from_string(spec["customer"])
    amount_col = column_index_from_string(spec["amount"])
    date_col = column_index_from_string(spec["date"])
    rows = []
    last_customer = None
    for r in range(spec["firstRow"], spec["lastRow"] + 1):
        cells = [ws.cell(row=r, column=c).value for c in range(1, ws.max_column + 1)]
        if any(isinstance(v, str) and TOTALS.search(v.strip()) for v in cells):
            continue
        customer = ws.cell(row=r, column=cust_col).value
        if blank(customer) and spec.get("fillDown"):
            customer = last_customer
        if not blank(customer):
            last_customer = customer
        if blank(ws.cell(row=r, column=date_col).value) or blank(customer):
            continue
        amount = ws.cell(row=r, column=amount_col).value
        rows.append({"customer_id": str(customer).strip(), "amount": repr(float(amount)) if not isinstance(amount, str) else amount})
    return pd.DataFrame(rows, columns=["customer_id", "amount"])


def main() -> None:
    specs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out = {}
    for spec in specs:
        result = classify(lines_of(spec))
        out[spec["path"]] = dict(zip(result["customer_id"], result["abc_include"]))
    sys.stdout.write(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
