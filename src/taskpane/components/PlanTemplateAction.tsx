/** The monthly plan-template action: one sheet per rep for a month, as `tierplan plan` writes. */
import * as React from "react";
import { Body1, Button, Caption1, Field, Input, Spinner } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import { Section } from "./Section";

export interface PlanTemplateActionProps {
  disabled?: boolean;
  /** Writes the templates; resolves to the sheets created and those kept because they exist. */
  onWrite(month: string): Promise<{ created: string[]; skipped: string[] }>;
}

export function PlanTemplateAction({ disabled, onWrite }: PlanTemplateActionProps) {
  const { t, lang } = useI18n();
  const [month, setMonth] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [done, setDone] = React.useState<{ created: string[]; skipped: string[] } | null>(null);
  const [failed, setFailed] = React.useState(false);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month.trim());
  const sep = lang === "zh" ? "、" : ", ";
  return (
    <Section title={t("planTemplate.title")} testId="plan-template">
      <Caption1>{t("planTemplate.hint")}</Caption1>
      <Field label={t("planTemplate.month")} validationMessage={month && !valid ? t("planTemplate.badMonth") : undefined}>
        <Input value={month} onChange={(_, d) => setMonth(d.value)} placeholder="2025-01" />
      </Field>
      <Button
        style={{ alignSelf: "flex-start" }}
        disabled={disabled || busy || !valid}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          void onWrite(month.trim())
            .then(setDone, () => setFailed(true))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? <Spinner size="extra-tiny" /> : t("planTemplate.button")}
      </Button>
      {failed && <Body1 role="alert">{t("run.error")}</Body1>}
      {done && <Body1>{t("planTemplate.done", { created: done.created.join(sep) || "–", skipped: done.skipped.join(sep) || "–" })}</Body1>}
    </Section>
  );
}
