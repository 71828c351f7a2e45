/**
 * Problems found in the input, each with its sheet and cell. In Excel the cell is a link
 * that selects it; on the standalone page it is plain text.
 */
import * as React from "react";
import { Badge, Body1, Caption1, Link, makeStyles, tokens } from "@fluentui/react-components";
import type { Issue } from "../../domain/issues";
import { useI18n } from "../../i18n/react";
import { Section } from "./Section";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  head: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const COLOR = { error: "danger", warning: "warning", info: "informative" } as const;
const SHOWN = 200;

export interface IssuesListProps {
  issues: Issue[];
  /** Select the issue's cell in Excel; absent when the host cannot select. */
  onSelect?: (sheet: string, cell: string) => void;
}

export function IssuesList({ issues, onSelect }: IssuesListProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  return (
    <Section title={t("issues.title", { count: issues.length })} testId="issues">
      {issues.length === 0 ? (
        <Body1>{t("issues.none")}</Body1>
      ) : (
        <ul className={s.list}>
          {issues.slice(0, SHOWN).map((i, k) => {
            const where = i.sheet ? (i.cell ? `${i.sheet}!${i.cell}` : i.sheet) : null;
            return (
              <li key={k} className={s.item}>
                <div className={s.head}>
                  <Badge appearance="tint" color={COLOR[i.severity]} size="small">
                    {t(`issues.severity.${i.severity}`)}
                  </Badge>
                  {where &&
                    (onSelect && i.sheet && i.cell ? (
                      <Link as="button" onClick={() => onSelect(i.sheet!, i.cell!)} aria-label={t("issues.select", { sheet: i.sheet, cell: i.cell })}>
                        {where}
                      </Link>
                    ) : (
                      <Caption1>{where}</Caption1>
                    ))}
                </div>
                <Body1>{lang === "zh" ? i.messageZh ?? i.message : i.message}</Body1>
                {i.count ? <Caption1>{t("issues.rows", { count: i.count })}</Caption1> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
