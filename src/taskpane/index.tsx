/**
 * Task-pane entry. Renders after Office.onReady inside Excel; without Office (opened directly
 * in a browser, or office.js unavailable) it is the standalone page working on .xlsx files.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, makeStaticStyles } from "@fluentui/react-components";
import { detectLang } from "../i18n";
import { waitForOffice, type BootResult } from "./boot";
import { App } from "./components/App";
import { BootScreen } from "./components/BootScreen";
import { createFileHost } from "./services/FileHost";
import type { EngineHost } from "./services/EngineHost";
import { enableOfflineUse } from "./offline";
import { officeSettings } from "./settings";
import { currentOfficeTheme, themeFor } from "./theme";

const useGlobal = makeStaticStyles({ "html, body": { margin: 0, padding: 0 } });

function Root() {
  useGlobal();
  const [boot, setBoot] = React.useState<BootResult | null>(null);
  const [officeHost, setOfficeHost] = React.useState<EngineHost | null>(null);
  React.useEffect(() => {
    void waitForOffice().then(async (b) => {
      // The Excel gateway is loaded only inside Excel: the standalone page never needs it.
      if (b.kind === "excel") {
        const { createOfficeHost } = await import(/* webpackChunkName: "office-host" */ "./services/OfficeHost");
        setOfficeHost(createOfficeHost({ settings: officeSettings() }));
      } else if (b.kind === "standalone") {
        void enableOfflineUse();
      }
      setBoot(b);
    });
  }, []);
  const excel = boot?.kind === "excel";
  const theme = themeFor(excel ? currentOfficeTheme() : null);
  const browserLang = typeof navigator !== "undefined" ? navigator.language : null;
  let body: React.ReactNode;
  if (!boot || boot.kind === "timeout") {
    body = <BootScreen state={boot ? "timeout" : "waiting"} onStandalone={() => setBoot({ kind: "standalone" })} />;
  } else if (excel) {
    body = <App hostKind="excel" lang={detectLang(Office.context.displayLanguage, browserLang)} host={officeHost} />;
  } else {
    body = <App hostKind="file" lang={detectLang(null, browserLang)} host={null} makeFileHost={(name, bytes) => createFileHost(name, bytes)} />;
  }
  return (
    <FluentProvider theme={theme} style={{ minHeight: "100vh" }}>
      {body}
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<Root />);
