/** Step 3: period, plan/rebate month, call-list day, and which analysis to run. Empty = automatic. */
import * as React from "react";
import { Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import type { FormErrors } from "../state/validate";
import type { AnalysisInfo, RunForm } from "../state/types";
import { Section } from "./Section";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "1fr 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
});

export interface RunOptionsProps {
  form: RunForm;
  analyses: AnalysisInfo[];
  errors: FormErrors;
  disabled?: boolean;
  onChange(patch: Partial<RunForm>): void;
}

export function RunOptions({ form, analyses, errors, disabled, onChange }: RunOptionsProps) {
  const { t, pick } = useI18n();
  const s = useStyles();
  const field = (key: "periodFrom" | "periodTo" | "month" | "asOf", type: "month" | "date") => (
    <Field
      label={t(`options.${key}`)}
      hint={t("options.auto")}
      validationState={errors[key] ? "error" : "none"}
      validationMessage={errors[key] ? t(errors[key]!) : undefined}
    >
      <Input
        type={type}
        value={form[key]}
        disabled={disabled}
        placeholder={type === "month" ? "YYYY-MM" : "YYYY-MM-DD"}
        onChange={(_, d) => onChange({ [key]: d.value })}
      />
    </Field>
  );
  return (
    <Section title={t("options.title")} testId="options">
      <div className={s.row}>
        {field("periodFrom", "month")}
        {field("periodTo", "month")}
        {field("month", "month")}
        {field("asOf", "date")}
      </div>
      <Field label={t("options.analysis")}>
        <Select value={form.only} disabled={disabled} onChange={(_, d) => onChange({ only: d.value })}>
          <option value="all">{t("options.all")}</option>
          {analyses.filter((a) => a.selectable !== false).map((a) => (
            <option key={a.id} value={a.id}>
              {pick(a.label)}
            </option>
          ))}
        </Select>
      </Field>
    </Section>
  );
}
