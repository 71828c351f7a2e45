// Placeholder task-pane entry: renders a Fluent UI shell once Office is ready.
// The lead replaces this with the real TierPlan UI.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, webLightTheme } from "@fluentui/react-components";

function render(): void {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Text as="h1" size={600} weight="semibold">
        TierPlan
      </Text>
    </FluentProvider>,
  );
}

if (typeof Office === "undefined") {
  render();
} else {
  void Office.onReady(() => render());
}
