/** React access to the current language: `const { t, lang } = useI18n()`. */
import * as React from "react";
import { translator, type Lang, type Translate } from "./index";

interface I18n {
  lang: Lang;
  t: Translate;
  /** Pick the current language's half of a bilingual value. */
  pick(v: { zh: string; en: string }): string;
}

const Ctx = React.createContext<I18n>({ lang: "zh", t: translator("zh"), pick: (v) => v.zh });

export function I18nProvider({ lang, children }: { lang: Lang; children: React.ReactNode }) {
  const value = React.useMemo<I18n>(() => ({ lang, t: translator(lang), pick: (v) => (lang === "en" ? v.en : v.zh) }), [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return React.useContext(Ctx);
}
