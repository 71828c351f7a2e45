/** Before the language is known: waiting for Office, or Office never answered (both languages). */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

export function BootScreen({ state, onStandalone }: { state: "waiting" | "timeout"; onStandalone(): void }) {
  const s = useStyles();
  if (state === "waiting") {
    return (
      <div className={s.root} role="status" aria-live="polite">
        <Spinner label={`${zh["boot.waiting"]} / ${en["boot.waiting"]}`} />
      </div>
    );
  }
  return (
    <div className={s.root}>
      <MessageBar intent="warning" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle lang="zh-CN">{zh["boot.timeout.title"]}</MessageBarTitle>
          <span lang="zh-CN">{zh["boot.timeout.body"]}</span>
        </MessageBarBody>
      </MessageBar>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle lang="en">{en["boot.timeout.title"]}</MessageBarTitle>
          <span lang="en">{en["boot.timeout.body"]}</span>
        </MessageBarBody>
      </MessageBar>
      <Button onClick={onStandalone}>{`${zh["boot.timeout.standalone"]} / ${en["boot.timeout.standalone"]}`}</Button>
    </div>
  );
}
