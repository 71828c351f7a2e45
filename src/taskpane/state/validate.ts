/** Checks on the run form; each problem is a message key shown under its field. */
import type { MessageKey } from "../../i18n";
import type { MappingModel, RunForm } from "./types";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export type FormErrors = Partial<Record<keyof RunForm, MessageKey>>;

export function validateForm(form: RunForm): FormErrors {
  const e: FormErrors = {};
  if (form.periodFrom && !MONTH.test(form.periodFrom)) e.periodFrom = "options.badMonth";
  if (form.periodTo && !MONTH.test(form.periodTo)) e.periodTo = "options.badMonth";
  if (!e.periodFrom && !e.periodTo && !!form.periodFrom !== !!form.periodTo) e[form.periodFrom ? "periodTo" : "periodFrom"] = "options.bothPeriod";
  if (form.month && !MONTH.test(form.month)) e.month = "options.badMonth";
  if (form.asOf && !DAY.test(form.asOf)) e.asOf = "options.badDate";
  return e;
}

/** Required sales columns that have no header chosen. */
export function missingRequired(m: MappingModel | null): string[] {
  if (!m || !m.sales.sheet) return ["sales"];
  return m.sales.fields.filter((f) => f.required && !f.header).map((f) => f.key);
}
