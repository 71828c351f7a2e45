import * as React from "react";
import { Select, makeStyles, tokens, Label, useId } from "@fluentui/react-components";
import type { Lang } from "../../i18n";
import { useI18n } from "../../i18n/react";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  select: { minWidth: "96px" },
});

/** 中文 / English. The label is bilingual so that either reader finds the switch. */
export function LanguageSwitch({ lang, onChange }: { lang: Lang; onChange(lang: Lang): void }) {
  const { t } = useI18n();
  const id = useId("lang");
  const s = useStyles();
  return (
    <div className={s.root}>
      <Label htmlFor={id} size="small">
        {t("lang.label")}
      </Label>
      <Select id={id} className={s.select} size="small" value={lang} onChange={(_, d) => onChange(d.value as Lang)}>
        <option value="zh" lang="zh-CN">
          中文
        </option>
        <option value="en" lang="en">
          English
        </option>
      </Select>
    </div>
  );
}
