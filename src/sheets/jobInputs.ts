/** All of SPEC §9's optional input sheets, read in one place for the loader. */
import type { RequestRow, SupplyRow } from "../domain/allocation";
import type { IssueLog } from "../domain/issues";
import type { SellOutReport, StockCount } from "../domain/stock";
import type { VisitLogEntry } from "../domain/visits";
import { normalizeHeader } from "./fields";
import type { WorkbookGrids } from "./grid";
import { readSellOut, readStock, SELL_OUT_SHEET, STOCK_SHEET } from "./stock";
import { readRequests, readSupply, REQUESTS_SHEET, SUPPLY_SHEET } from "./supply";
import { readVisitLog, VISIT_LOG_SHEET } from "./visitLog";

export interface JobInputs {
  stock: StockCount[];
  sellOut: SellOutReport[];
  supply: SupplyRow[];
  requests: RequestRow[];
  visitLog: VisitLogEntry[];
  /** Sheet found per input (null = none in the workbook). */
  sheets: { stock: string | null; sellOut: string | null; supply: string | null; requests: string | null; visitLog: string | null };
}

/** Normalised names of every job input sheet (kept out of the sales and customer search). */
export const JOB_SHEET_NAMES = new Set([STOCK_SHEET, SELL_OUT_SHEET, SUPPLY_SHEET, REQUESTS_SHEET, VISIT_LOG_SHEET].flatMap((d) => d.names.map(normalizeHeader)));

export function readJobInputs(wb: WorkbookGrids, issues: IssueLog): JobInputs {
  const stock = readStock(wb, issues);
  const sellOut = readSellOut(wb, issues);
  const supply = readSupply(wb, issues);
  const requests = readRequests(wb, issues);
  const visits = readVisitLog(wb, issues);
  return {
    stock: stock.counts,
    sellOut: sellOut.reports,
    supply: supply.supply,
    requests: requests.requests,
    visitLog: visits.log,
    sheets: { stock: stock.sheet, sellOut: sellOut.sheet, supply: supply.sheet, requests: requests.sheet, visitLog: visits.sheet },
  };
}
