/**
 * The report layer's table core; see columns.ts for the column record and an example,
 * fit.ts for the layout from content and the sheet setup, text.ts for the width measure.
 */
export { type BesideSpec, type Column, type ColumnFormat, type CodeFormat, type Label, type Lang, type TableSpec, type WidthRule, besideColumns, blockHeight, cellValue, noteBlock, pick, tableBlock } from "./columns";
export { fitPatch, fitSheet, LINE_HEIGHT } from "./fit";
export { displayWidth, formattedText } from "./text";
