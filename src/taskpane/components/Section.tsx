import * as React from "react";
import { Subtitle2, makeStyles, tokens, useId } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** A titled region of the pane (a landmark screen readers can jump to). */
export function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  const id = useId("section");
  const s = useStyles();
  return (
    <section className={s.root} aria-labelledby={id} data-testid={testId}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
