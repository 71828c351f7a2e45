/** Step 2: the policy sheets — which exist, and a button that adds the missing ones. */
import * as React from "react";
import { Body1, Button, Caption1, Spinner } from "@fluentui/react-components";
import { useI18n } from "../../i18n/react";
import type { PolicyStatus } from "../state/types";
import { Section } from "./Section";

export interface PolicyStepProps {
  policy: PolicyStatus;
  busy: boolean;
  disabled?: boolean;
  onCreate(): void;
}

export function PolicyStep({ policy, busy, disabled, onCreate }: PolicyStepProps) {
  const { t, lang } = useI18n();
  const sep = lang === "zh" ? "、" : ", ";
  return (
    <Section title={t("policy.title")} testId="policy">
      <Body1>{policy.present.length ? t("policy.present", { names: policy.present.join(sep) }) : t("policy.none")}</Body1>
      {policy.present.length > 0 && policy.missing.length > 0 && (
        <Caption1>{t("policy.missing", { names: policy.missing.map((m) => (lang === "zh" ? m.zh : m.en)).join(sep) })}</Caption1>
      )}
      {policy.missing.length > 0 && (
        <>
          <Button onClick={onCreate} disabled={busy || disabled} style={{ alignSelf: "flex-start" }}>
            {busy ? <Spinner size="extra-tiny" label={t("policy.creating")} /> : t("policy.create")}
          </Button>
          <Caption1>{t("policy.note")}</Caption1>
        </>
      )}
    </Section>
  );
}
