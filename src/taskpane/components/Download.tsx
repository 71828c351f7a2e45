/** Standalone page: save the workbook with TierPlan's outputs (built in this browser). */
import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";

const useStyles = makeStyles({ root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalM } });

export function Download({ disabled, onDownload }: { disabled: boolean; onDownload(): void }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <div className={s.root}>
      <Button appearance="primary" disabled={disabled} onClick={onDownload} data-testid="download">
        {t("download.button")}
      </Button>
      <Caption1>{t("download.hint")}</Caption1>
    </div>
  );
}
