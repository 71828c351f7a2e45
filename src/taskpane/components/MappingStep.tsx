/**
 * Step 1: which sheet holds the customers and the sales lines, and which column is which.
 * Dropdowns come pre-filled by header detection (or the choices remembered in the workbook).
 */
import * as React from "react";
import { Button, Caption1, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import type { FieldChoice, MappingModel, Role, RoleMapping } from "../state/types";
import { Section } from "./Section";

const useStyles = makeStyles({
  role: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  toggle: { alignSelf: "flex-start" },
});

export interface MappingStepProps {
  mapping: MappingModel;
  disabled?: boolean;
  onSheet(role: Role, sheet: string | null): void;
  onColumn(role: Role, field: string, header: string | null): void;
}

export function MappingStep({ mapping, disabled, onSheet, onColumn }: MappingStepProps) {
  const { t } = useI18n();
  return (
    <Section title={t("mapping.title")} testId="mapping">
      <RoleBlock role="sales" model={mapping.sales} sheets={mapping.sheets} disabled={disabled} onSheet={onSheet} onColumn={onColumn} />
      <RoleBlock role="customers" model={mapping.customers} sheets={mapping.sheets} disabled={disabled} onSheet={onSheet} onColumn={onColumn} />
      <Caption1>{t("mapping.remembered")}</Caption1>
    </Section>
  );
}

function RoleBlock({ role, model, sheets, disabled, onSheet, onColumn }: { role: Role; model: RoleMapping; sheets: string[]; disabled?: boolean } & Pick<MappingStepProps, "onSheet" | "onColumn">) {
  const { t, pick } = useI18n();
  const s = useStyles();
  const [showOptional, setShowOptional] = React.useState(false);
  const required = model.fields.filter((f) => f.required);
  const optional = model.fields.filter((f) => !f.required);
  const found = optional.filter((f) => f.header);
  // Optional columns: those found are shown; the rest only on request.
  const visible = [...required, ...(showOptional ? optional : found)];
  const listId = `${role}-columns`;
  const sheetMissing = role === "sales" && !model.sheet;
  return (
    <div className={s.role}>
      <Field
        label={t(role === "sales" ? "mapping.sales" : "mapping.customers")}
        required={role === "sales"}
        hint={model.headerRow !== null ? [t("mapping.headerRow", { row: model.headerRow + 1 }), model.reason ? pick(model.reason) : ""].filter(Boolean).join(" · ") : model.reason ? pick(model.reason) : undefined}
        validationState={sheetMissing ? "error" : "none"}
        validationMessage={sheetMissing ? t("mapping.missing") : undefined}
      >
        <Select value={model.sheet ?? ""} disabled={disabled} onChange={(_, d) => onSheet(role, d.value === "" ? null : d.value)}>
          {!model.sheet && <option value="">{t(role === "customers" ? "mapping.noSheet" : "mapping.chooseSheet")}</option>}
          {sheets.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      {model.sheet && model.headers.length > 0 && (
        <>
          <div className={s.columns} id={listId} role="group" aria-label={t("mapping.columnsOf", { sheet: model.sheet })}>
            {visible.map((f) => (
              <ColumnField key={f.key} field={f} headers={model.headers} disabled={disabled} onChange={(h) => onColumn(role, f.key, h)} />
            ))}
          </div>
          {optional.length > found.length && (
            <Button className={s.toggle} size="small" appearance="subtle" aria-expanded={showOptional} aria-controls={listId} onClick={() => setShowOptional((v) => !v)}>
              {showOptional ? t("mapping.hideOptional") : t("mapping.showOptional", { count: optional.length - found.length })}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function ColumnField({ field, headers, disabled, onChange }: { field: FieldChoice; headers: string[]; disabled?: boolean; onChange(h: string | null): void }) {
  const { t, pick } = useI18n();
  const missing = field.required && !field.header;
  // What detection saw under the column it took, and the close runner-up, so that a person can judge.
  const why = field.header && field.header === field.detected
    ? [field.evidence ? t("mapping.evidence", { evidence: pick(field.evidence) }) : "", field.alternative ? t("mapping.alternative", { header: field.alternative }) : ""].filter(Boolean).join(" · ")
    : "";
  return (
    <Field
      label={pick(field.label)}
      required={field.required}
      size="small"
      hint={why || undefined}
      validationState={missing ? "error" : "none"}
      validationMessage={missing ? t("mapping.missing") : undefined}
    >
      <Select size="small" value={field.header ?? ""} disabled={disabled} onChange={(_, d) => onChange(d.value === "" ? null : d.value)}>
        {(!field.header || !field.detected) && <option value="">{t("mapping.notMapped")}</option>}
        {headers.map((h, i) => (
          <option key={`${i}:${h}`} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
  );
}
