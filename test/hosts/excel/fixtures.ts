/**
 * A hand-written patch exercising everything the Excel host writes, and a user's workbook to
 * apply it to. Shared by the Excel host tests and the cross-host test.
 */
import type { WorkbookPatch } from "../../../src/report/patch";
import type { SeedSheet } from "../../excel-double";

export const INJECTION = '=HYPERLINK("x")';

/** The user's data: a customer table (A1:D6, an Excel table), notes off A1, a hidden sheet. */
export function userSheets(): SeedSheet[] {
  return [
    {
      name: "Customers",
      rows: [
        ["Customer ID", "Name", "Region", "Sales"],
        ["C001", INJECTION, "North", 500],
        ["C002", "Beta Ltd", "South", 300],
        ["C003", "-5% Gamma", "East", 150],
        ["C004", "Delta", "West", 50],
        ["C005", "@epsilon", "North", 0],
      ],
      tables: [{ name: "CustomerTable", address: "A1:D6" }],
    },
    { name: "Notes", origin: { row: 2, col: 1 }, rows: [["Note", "Date"], ["call back", 45306], [true, null]] },
    { name: "Archive", visibility: "Hidden", rows: [["old"]] },
  ];
}

/** Sheet "Tiers" (title, table, colours, validation, protection, Pareto), "Funnel", and columns beside Customers. */
export function samplePatch(): WorkbookPatch {
  return {
    schemaVersion: 1,
    sheets: [
      {
        name: "Tiers",
        tabColor: "#1F4E79",
        freeze: { rows: 2, cols: 1 },
        protect: true,
        columnWidths: { 0: 14 },
        blocks: [
          {
            id: "tiers",
            at: { row: 0, col: 0 },
            title: "Account tiers",
            columns: [
              { key: "id", header: "Customer ID", format: "text", width: 12 },
              { key: "name", header: "Name", width: 24 },
              { key: "sales", header: "Sales", format: "money" },
              { key: "share", header: "Cum. share", format: "percent1" },
              { key: "abc", header: "ABC", style: { align: "center" } },
              { key: "target", header: "Target", format: "integer", style: { locked: false, fill: "#FFF2CC" } },
            ],
            rows: [
              ["C001", INJECTION, 500, 0.5, "A", 10],
              ["C002", "Beta Ltd", 300, 0.8, "B", 5],
              ["C003", "-5% Gamma", 150, 0.95, "C", null],
              ["C005", "@epsilon", 50, 1, "C", 0],
              ["Total", null, { formula: "SUM(C3:C6)", result: 1000 }, null, null, null],
            ],
            table: { name: "TierTable", style: "TableStyleLight9" },
            colours: [{ column: "abc", equals: "A", fill: "#C6EFCE", fontColor: "#006100" }],
            validations: [{ column: "target", kind: "wholeNumber", min: 0, prompt: "Whole number, 0 or more", error: "Enter a whole number ≥ 0" }],
            rowStyles: { 4: { bold: true } },
          },
        ],
        charts: [
          {
            id: "pareto",
            type: "columnLine",
            title: "Pareto of sales",
            categories: { block: "tiers", column: "name", rows: [0, 3] },
            series: [
              { name: "Sales", values: { block: "tiers", column: "sales", rows: [0, 3] } },
              { name: "Cumulative share", values: { block: "tiers", column: "share", rows: [0, 3] }, as: "line" },
            ],
            at: { row: 0, col: 8 },
            size: { cols: 8, rows: 15 },
            secondaryPercent: true,
          },
        ],
      },
      {
        name: "Funnel",
        blocks: [
          {
            id: "stages",
            at: { row: 0, col: 0 },
            columns: [
              { key: "stage", header: "Stage" },
              { key: "n", header: "Accounts", format: "integer" },
            ],
            rows: [
              ["Lead", 100],
              ["Contacted", 60],
              ["Quoted", 25],
              ["Won", 10],
            ],
          },
        ],
        charts: [
          {
            id: "funnel",
            type: "funnel",
            title: "Sales funnel",
            categories: { block: "stages", column: "stage" },
            series: [{ name: "Accounts", values: { block: "stages", column: "n" } }],
            at: { row: 0, col: 3 },
            size: { cols: 6, rows: 12 },
            fallback: "bar",
          },
        ],
      },
    ],
    columns: [
      {
        id: "tier",
        sheet: "Customers",
        headerRow: 0,
        // Row 4 (C004) is not listed: its owned cells stay blank.
        rows: [1, 2, 3, 5],
        columns: [
          { key: "abc", header: "ABC class", values: ["A", "B", "C", "=cmd|' /C calc'!A0"], width: 10 },
          { key: "score", header: "Score", format: "number", values: [0.9, 0.5, 0.1, 0] },
        ],
        colours: [{ column: "abc", equals: "A", fill: "#C6EFCE" }],
      },
    ],
  };
}
