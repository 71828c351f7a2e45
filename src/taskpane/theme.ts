/** Follow the Office theme: a dark pane background → Fluent's dark theme. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function isDarkOfficeTheme(theme: { bodyBackgroundColor?: string } | null | undefined): boolean {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.5;
}

export function themeFor(theme: { bodyBackgroundColor?: string } | null | undefined): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}

/** Office.context.officeTheme where the platform has it (not every one does). */
export function currentOfficeTheme(): Office.OfficeTheme | null {
  try {
    return typeof Office !== "undefined" ? Office.context?.officeTheme ?? null : null;
  } catch {
    return null;
  }
}
