/**
 * What the last run found, read from the JSON summary: ABC split, grade gaps, funnel, plan
 * score, rebate total, call list. A part shows only when its analysis produced it.
 */
import * as React from "react";
import { Body1, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { shownForecast, type PaneSummary } from "../services/engineApi";
import { useI18n } from "../../i18n/react";
import { Section } from "./Section";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
    "& th": { textAlign: "left", fontWeight: tokens.fontWeightSemibold },
    "& td.num, & th.num": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  },
  part: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  facts: { display: "grid", gridTemplateColumns: "auto auto", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, margin: 0, "& dd": { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums" } },
  negative: { color: tokens.colorPaletteRedForeground1 },
});

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.part}>
      <Subtitle2 as="h3" style={{ fontSize: tokens.fontSizeBase300 }}>
        {title}
      </Subtitle2>
      {children}
    </div>
  );
}

const GAP_ROWS = 12;

interface ForecastJson { customerId: string; projectedEntitlement: number; neededForNextBand: number | null; nextBandGain: number | null; basisUnit: "units" | "yuan" }

/** Per customer (largest payments first): this month, the projected entitlement at the period end, and the best next band. */
function RebateForecastTable({ summary }: { summary: PaneSummary }) {
  const { t, lang } = useI18n();
  const s = useStyles();
  // The same rule as the worker's paneSummary, which sends these customers' forecast only.
  const { rows, entries: byCustomer } = shownForecast<ForecastJson>(summary.rebates);
  if (!rows.length) return null;
  const fmt = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 0 });
  const unit = (f: ForecastJson) => (f.basisUnit === "units" ? (lang === "zh" ? " 台" : " units") : lang === "zh" ? " 元" : " ¥");
  return (
    <table className={s.table} data-testid="rebateForecast">
      <thead>
        <tr><th>{t("results.rebateCustomer")}</th><th className="num">{t("results.rebateThisMonth")}</th><th className="num">{t("results.rebateProjected")}</th><th>{t("results.rebateNext")}</th></tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const fs = byCustomer.get(c.customerId)!;
          const best = fs.filter((f) => (f.nextBandGain ?? 0) > 0).sort((a, b) => (b.nextBandGain ?? 0) - (a.nextBandGain ?? 0))[0];
          return (
            <tr key={c.customerId}>
              <td>{c.customerId}</td>
              <td className="num">{fmt.format(c.total)}</td>
              <td className="num">{fmt.format(fs.reduce((a, f) => a + f.projectedEntitlement, 0))}</td>
              <td>{best ? t("results.rebateNextText", { needed: fmt.format(best.neededForNextBand ?? 0), unit: unit(best), gain: fmt.format(best.nextBandGain ?? 0) }) : ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ResultsView({ summary }: { summary: PaneSummary }) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const locale = lang === "zh" ? "zh-CN" : "en-US";
  const money = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const abcTotal = summary.abc.A.revenue + summary.abc.B.revenue + summary.abc.C.revenue;
  const abcCount = summary.abc.A.count + summary.abc.B.count + summary.abc.C.count;
  const gaps = summary.grades.filter((g) => g.gap !== 0).sort((a, b) => a.gap - b.gap);
  const stages = Object.entries(summary.funnel.byStage ?? {});
  const temps = Object.entries(summary.funnel.byTemperature ?? {});
  const plan = summary.plan;
  // The month's one achievement rate (domain/plan.ts monthAchievement), as the sheet shows it.
  const achievement = plan.total?.achievement ?? null;
  const scores = plan.accounts.map((a) => a.score as number | null).filter((x): x is number => typeof x === "number");
  const rebates = summary.rebates;
  return (
    <Section title={t("results.title")} testId="results">
      {summary.period && <Body1>{t("results.period", { from: summary.period.from, to: summary.period.to })}</Body1>}
      {abcCount > 0 && (
        <Part title={t("results.abc")}>
          <table className={s.table} data-testid="abc">
            <thead>
              <tr>
                <th scope="col">{t("results.class")}</th>
                <th scope="col" className="num">{t("results.count")}</th>
                <th scope="col" className="num">{t("results.revenue")}</th>
                <th scope="col" className="num">{t("results.share")}</th>
              </tr>
            </thead>
            <tbody>
              {(["A", "B", "C"] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td className="num">{summary.abc[k].count}</td>
                  <td className="num">{money.format(summary.abc[k].revenue)}</td>
                  <td className="num">{abcTotal ? pct.format(summary.abc[k].revenue / abcTotal) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Part>
      )}
      {summary.grades.length > 0 && (
        <Part title={t("results.grades")}>
          {gaps.length === 0 ? (
            <Caption1>{t("results.noGaps")}</Caption1>
          ) : (
            <table className={s.table} data-testid="grades">
              <thead>
                <tr>
                  <th scope="col">{t("results.office")}</th>
                  <th scope="col">{t("results.grade")}</th>
                  <th scope="col" className="num">{t("results.target")}</th>
                  <th scope="col" className="num">{t("results.actual")}</th>
                  <th scope="col" className="num">{t("results.gap")}</th>
                </tr>
              </thead>
              <tbody>
                {gaps.slice(0, GAP_ROWS).map((g) => (
                  <tr key={`${g.office}/${g.grade}`}>
                    <td>{g.office}</td>
                    <td>{g.grade}</td>
                    <td className="num">{g.target}</td>
                    <td className="num">{g.actual}</td>
                    <td className={`num ${g.gap < 0 ? s.negative : ""}`}>{g.gap > 0 ? `+${g.gap}` : g.gap}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Part>
      )}
      {(stages.length > 0 || temps.length > 0) && (
        <Part title={t("results.funnel")}>
          <dl className={s.facts} data-testid="funnel">
            {stages.map(([k, n]) => (
              <React.Fragment key={`s${k}`}>
                <dt>{t("results.stage", { stage: k })}</dt>
                <dd>{n}</dd>
              </React.Fragment>
            ))}
            {temps.map(([k, n]) => (
              <React.Fragment key={`t${k}`}>
                <dt>{k}</dt>
                <dd>{n}</dd>
              </React.Fragment>
            ))}
          </dl>
        </Part>
      )}
      {plan.month && plan.accounts.length > 0 && (
        <Part title={t("results.plan", { month: plan.month })}>
          <dl className={s.facts} data-testid="plan">
            <dt>{t("results.planAccounts")}</dt>
            <dd>{plan.accounts.length}</dd>
            {achievement !== null && (
              <>
                <dt>{t("results.planAchievement")}</dt>
                <dd>{pct.format(achievement)}</dd>
              </>
            )}
            {scores.length > 0 && (
              <>
                <dt>{t("results.planScore")}</dt>
                <dd>{(scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1)}</dd>
              </>
            )}
          </dl>
        </Part>
      )}
      {rebates.month && (
        <Part title={t("results.rebates", { month: rebates.month })}>
          <dl className={s.facts} data-testid="rebates">
            <dt>{t("results.rebateTotal")}</dt>
            <dd>{money2.format(rebates.total)}</dd>
            <dt>{t("results.rebateCustomers")}</dt>
            <dd>{rebates.byCustomer.filter((c) => c.total !== 0).length}</dd>
          </dl>
          <RebateForecastTable summary={summary} />
        </Part>
      )}
      {summary.callList.length > 0 && (
        <Part title={t("results.callList")}>
          <Body1>{t("results.calls", { count: summary.callList.length })}</Body1>
        </Part>
      )}
    </Section>
  );
}
