/**
 * The task pane's two languages. Strings live in en.ts and zh.ts under typed keys; the pane
 * starts in the Office display language (or the browser's) and can be switched.
 */
import { en, type MessageKey, type Messages } from "./en";
import { zh } from "./zh";

export type { MessageKey, Messages } from "./en";
export type Lang = "zh" | "en";

const MESSAGES: Record<Lang, Messages> = { zh, en };

/** "zh-CN", "zh-Hans", "zh" → zh; anything else → en. Traditional Chinese locales get zh too (closest). */
function langFromLocale(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  return /^zh\b/i.test(locale.trim()) ? "zh" : "en";
}

/** Office display language first, then the browser's, then Chinese (the product's home market). */
export function detectLang(officeLanguage?: string | null, browserLanguage?: string | null): Lang {
  return langFromLocale(officeLanguage) ?? langFromLocale(browserLanguage) ?? "zh";
}

/** Fill `{name}` placeholders. */
function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang];
  return (key, vars) => format(table[key], vars);
}
