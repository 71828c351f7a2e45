/**
 * Engine side of the pane's profile card and plan-template actions. The last run's output is
 * kept here (beside the engine, not in React state: it holds the whole workbook's records), and
 * the pane asks for one customer's card as plain data, so this works the same when the engine
 * runs in a Web Worker.
 */
import { cardFor } from "../../analyses/cards";
import type { RunOptions } from "../../pipeline/options";
import { runPipeline, type RunOutput } from "../../pipeline/run";
import type { WorkbookPatch } from "../../report/patch";
import { planTemplatePatch } from "../../analyses/planTemplate";
import { cardSections, type CardSection } from "../../report/profileCard";
import type { WorkbookGrids } from "../../sheets/grid";
import { normalizeHeader } from "../../sheets/fields";

let last: RunOutput | null = null;

export function rememberRun(out: RunOutput): void {
  last = out;
}

/** A cell in the customer sheet (0-based row), or a search text (customer ID or part of a name). */
export type CardQuery = { sheet: string; row: number } | { text: string };

export interface CardView {
  customerId: string;
  name: string;
  sections: CardSection[];
  /** Further customers matching a search (ID and name), at most 10. */
  others: { customerId: string; name: string }[];
}

function matches(q: CardQuery): string[] {
  if (!last) return [];
  const customers = last.context.data.customers;
  if ("sheet" in q) {
    const c = customers.find((x) => x.source?.sheet === q.sheet && x.source.row === q.row);
    return c ? [c.customerId] : [];
  }
  const text = normalizeHeader(q.text);
  if (!text) return [];
  const exact = customers.filter((c) => normalizeHeader(c.customerId) === text).map((c) => c.customerId);
  const partial = customers.filter((c) => normalizeHeader(c.customerId) !== text && (normalizeHeader(c.name).includes(text) || normalizeHeader(c.customerId).includes(text))).map((c) => c.customerId);
  return [...exact, ...partial];
}

/** The card of the first customer the query finds (null before a run or when none matches). */
export function lookupCard(q: CardQuery, lang: "zh" | "en"): CardView | null {
  const ids = matches(q);
  if (!last || !ids.length) return null;
  const card = cardFor(last.context, ids[0]);
  if (!card) return null;
  const byId = last.context.data.customerById;
  return {
    customerId: card.customer.customerId,
    name: card.customer.name,
    sections: cardSections(card, lang),
    others: ids.slice(1, 11).map((id) => ({ customerId: id, name: byId.get(id)?.name ?? id })),
  };
}

/** The monthly plan templates, one sheet per rep, as `tierplan plan` writes them. */
export function planTemplate(wb: WorkbookGrids, options: RunOptions, month: string): WorkbookPatch {
  const out = runPipeline(wb, { ...options, month }, ["tiering"]);
  return planTemplatePatch(out.context, month);
}
