/** Standalone page: choose an .xlsx file. It is read here; nothing is uploaded. */
import * as React from "react";
import { Caption1, Label, makeStyles, tokens, useId } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalM },
  input: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
});

export function FileOpen({ disabled, fileName, onFile }: { disabled?: boolean; fileName: string | null; onFile(file: File): void }) {
  const { t } = useI18n();
  const id = useId("file");
  const hint = `${id}-hint`;
  const s = useStyles();
  return (
    <div className={s.root}>
      <Label htmlFor={id} weight="semibold">
        {t("file.label")}
      </Label>
      <input
        id={id}
        className={s.input}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby={hint}
        disabled={disabled}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) onFile(f);
        }}
      />
      <Caption1 id={hint}>{fileName ? t("file.loaded", { name: fileName }) : t("file.hint")}</Caption1>
    </div>
  );
}
