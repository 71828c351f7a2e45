/**
 * The profile card (客户资料卡) in the pane: follows the selected cell of the customer sheet,
 * or a search by customer ID or name. The card's sections come from the engine in the pane's
 * language (report/profileCard.ts), the same ones the workbook's 客户资料卡 sheet prints.
 */
import * as React from "react";
import { Body1, Button, Caption1, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import { cardText } from "../../report/profileCard";
import type { CardQuery, CardView } from "../services/cards";
import { Section } from "./Section";

const useStyles = makeStyles({
  search: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  table: { borderCollapse: "collapse", width: "100%" },
  label: { textAlign: "left", fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3, paddingRight: tokens.spacingHorizontalM, verticalAlign: "top" },
});

export interface ProfileCardPanelProps {
  /** Ask the engine for a card (resolves null when nothing matches or nothing ran yet). */
  lookup(q: CardQuery, lang: "zh" | "en"): Promise<CardView | null>;
  /** The customer sheet, whose selected row the card follows. */
  customerSheet: string | null;
  /** Host hook for selection changes (absent on the standalone page). */
  watchSelection?: (sheet: string, onSelect: (sheet: string, row: number) => void) => Promise<() => void>;
  /** Bumps after every run, so that the shown card is looked up again. */
  runCount: number;
}

export function ProfileCardPanel({ lookup, customerSheet, watchSelection, runCount }: ProfileCardPanelProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const [text, setText] = React.useState("");
  const [query, setQuery] = React.useState<CardQuery | null>(null);
  const [card, setCard] = React.useState<CardView | null>(null);
  const [missing, setMissing] = React.useState(false);

  React.useEffect(() => {
    if (!watchSelection || !customerSheet) return;
    let stop: (() => void) | null = null;
    let live = true;
    // Following the selection is a convenience: where the host cannot (an older Excel, a sheet
    // renamed since the scan), the search still works, so a failure here is not an error.
    void watchSelection(customerSheet, (sheet, row) => setQuery({ sheet, row })).then(
      (f) => (live ? (stop = f) : f()),
      () => undefined,
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [watchSelection, customerSheet]);

  React.useEffect(() => {
    if (!query) return;
    let live = true;
    void lookup(query, lang).then((c) => {
      if (!live) return;
      setCard(c);
      setMissing(c === null && "text" in query);
    });
    return () => {
      live = false;
    };
  }, [query, lang, lookup, runCount]);

  const sep = lang === "zh" ? "、" : ", ";
  return (
    <Section title={t("card.title")} testId="profile-card">
      <Caption1>{t("card.hint")}</Caption1>
      <form
        className={s.search}
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) setQuery({ text: text.trim() });
        }}
      >
        <Field label={t("card.search")}>
          <Input value={text} onChange={(_, d) => setText(d.value)} />
        </Field>
        <Button type="submit">{t("card.searchButton")}</Button>
      </form>
      {missing && query && "text" in query && <Body1>{t("card.none", { query: query.text })}</Body1>}
      {card && (
        <article aria-label={`${t("card.title")} ${card.customerId}`}>
          <Subtitle2 as="h3">{`${card.customerId} ${card.name}`}</Subtitle2>
          {card.sections.map((sec) => (
            <table key={sec.key} className={s.table} data-section={sec.key}>
              <caption style={{ textAlign: "left", fontWeight: 600, paddingTop: 8 }}>{sec.title}</caption>
              <tbody>
                {sec.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row" className={s.label}>{r.label}</th>
                    <td>{cardText(r.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          {card.others.length > 0 && <Caption1>{t("card.others", { names: card.others.map((o) => `${o.customerId} ${o.name}`).join(sep) })}</Caption1>}
        </article>
      )}
    </Section>
  );
}
