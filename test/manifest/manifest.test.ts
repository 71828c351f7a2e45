/**
 * Checks on manifest.xml that the XML schema cannot express: resources that exist, icons of
 * the stated size, one origin for every URL, pages that webpack really emits, resource ids that
 * resolve, the ExcelApi requirement, and the ribbon function that commands.ts registers.
 * Parsing is deliberately tiny (regular expressions over a comment-free manifest): enough to
 * read tag names and attribute values, no new dependency.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import type { Configuration, WebpackPluginInstance } from "webpack";

const ROOT = path.resolve(__dirname, "..", "..");
const ORIGIN = "https://localhost:3000";
const XML = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replace(/<!--[\s\S]*?-->/g, "");

type Tag = { name: string; attrs: Record<string, string>; raw: string };

/** Start (and self-closing) tags named `name` ("bt:Image", "Control", ...), in document order. */
function tags(xml: string, name: string): Tag[] {
  const re = new RegExp(`<${name.replace(":", "\\:")}(?=[\\s/>])([^>]*)>`, "g");
  return [...xml.matchAll(re)].map((m) => ({ name, attrs: attributes(m[1]), raw: m[0] }));
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]] = decodeEntities(m[2]);
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Inner text of the first <name>…</name> element. */
function section(xml: string, name: string): string {
  const m = new RegExp(`<${name.replace(":", "\\:")}(?:\\s[^>]*)?>([\\s\\S]*?)</${name.replace(":", "\\:")}>`).exec(xml);
  if (!m) throw new Error(`<${name}> not found in manifest.xml`);
  return m[1];
}

function text(xml: string, name: string): string {
  return section(xml, name).trim();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(signature) || buf.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Maps a URL on the dev origin to the file that serves it: a page webpack emits or a copied asset. */
function urlPath(url: string): string {
  expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
  return new URL(url).pathname.replace(/^\//, "");
}

const versionOverrides = section(XML, "VersionOverrides");
const resources = section(versionOverrides, "Resources");
const hostsPart = versionOverrides.slice(0, versionOverrides.indexOf("<Resources>"));

const resourceKinds = {
  image: new Map(tags(section(resources, "bt:Images"), "bt:Image").map((t) => [t.attrs.id, t.attrs.DefaultValue])),
  url: new Map(tags(section(resources, "bt:Urls"), "bt:Url").map((t) => [t.attrs.id, t.attrs.DefaultValue])),
  short: new Map(tags(section(resources, "bt:ShortStrings"), "bt:String").map((t) => [t.attrs.id, t.attrs.DefaultValue])),
  long: new Map(tags(section(resources, "bt:LongStrings"), "bt:String").map((t) => [t.attrs.id, t.attrs.DefaultValue])),
};

/** Pages that HtmlWebpackPlugin emits, read from webpack.config.js itself. */
async function emittedPages(): Promise<string[]> {
   
  const load = require(path.join(ROOT, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: Record<string, unknown>,
  ) => Promise<Configuration>;
  const config = await load({}, { mode: "production" });
  return (config.plugins ?? [])
    .filter((p): p is WebpackPluginInstance & { userOptions: { filename?: string } } =>
      Boolean(p && typeof p === "object" && "userOptions" in p && p.constructor.name === "HtmlWebpackPlugin"),
    )
    .map((p) => String(p.userOptions.filename));
}

describe("manifest.xml", () => {
  test("Id is a GUID and the version has four parts", () => {
    expect(text(XML, "Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(XML, "Version")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  test("is an Excel task-pane add-in that asks for ExcelApi 1.8 and read/write access", () => {
    expect(tags(XML, "OfficeApp")[0].attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(tags(section(XML, "Hosts"), "Host").map((t) => t.attrs.Name)).toEqual(["Workbook"]);
    const sets = tags(section(XML, "Requirements"), "Set");
    expect(sets).toContainEqual(expect.objectContaining({ attrs: { Name: "ExcelApi", MinVersion: "1.8" } }));
    expect(text(XML, "Permissions")).toBe("ReadWriteDocument");
  });

  test("names the add-in in en-US with a zh-CN override", () => {
    expect(text(XML, "DefaultLocale")).toBe("en-US");
    const displayName = section(XML, "DisplayName");
    expect(tags(displayName, "Override").map((t) => t.attrs.Locale)).toContain("zh-CN");
  });

  test("every URL uses the dev origin https://localhost:3000", () => {
    const urls = [...XML.matchAll(/\b(?:https?|ftp|file):\/\/[^"<\s]+/gi)]
      .map((m) => m[0])
      .filter((u) => !u.startsWith("http://schemas.microsoft.com/") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(new RegExp(`^${ORIGIN.replace(/[.]/g, "\\.")}/`));
  });

  test("every page URL (SourceLocation, bt:Url, SupportUrl) is a page webpack emits", async () => {
    const pages = await emittedPages();
    expect(pages.sort()).toEqual(["commands.html", "taskpane.html"]);
    const pageUrls = [
      ...tags(XML.slice(0, XML.indexOf("<VersionOverrides")), "SourceLocation").map((t) => t.attrs.DefaultValue),
      ...tags(XML, "SupportUrl").map((t) => t.attrs.DefaultValue),
      ...resourceKinds.url.values(),
    ];
    expect(pageUrls.length).toBeGreaterThanOrEqual(3);
    for (const url of pageUrls) expect(pages).toContain(urlPath(url));
    // Each page is reached from the manifest: the pane and the function file.
    expect(resourceKinds.url.get(tags(hostsPart, "FunctionFile")[0].attrs.resid)).toBe(`${ORIGIN}/commands.html`);
    expect(tags(XML, "SourceLocation")[0].attrs.DefaultValue).toBe(`${ORIGIN}/taskpane.html`);
  });

  test("every icon exists in assets/ with the pixel size the manifest states", () => {
    const checks: Array<{ url: string; size: number; where: string }> = [
      { url: tags(XML, "IconUrl")[0].attrs.DefaultValue, size: 32, where: "IconUrl" },
      { url: tags(XML, "HighResolutionIconUrl")[0].attrs.DefaultValue, size: 64, where: "HighResolutionIconUrl" },
    ];
    for (const ref of tags(hostsPart, "bt:Image")) {
      const url = resourceKinds.image.get(ref.attrs.resid);
      expect(url).toBeDefined();
      checks.push({ url: String(url), size: Number(ref.attrs.size), where: `bt:Image ${ref.attrs.resid}` });
    }
    for (const url of resourceKinds.image.values()) {
      const declared = /icon-(\d+)\.png$/.exec(url);
      if (declared) checks.push({ url, size: Number(declared[1]), where: url });
    }
    for (const { url, size, where } of checks) {
      const rel = urlPath(url);
      expect(rel).toMatch(/^assets\/[^/]+\.png$/);
      const file = path.join(ROOT, rel);
      expect({ where, exists: fs.existsSync(file) }).toEqual({ where, exists: true });
      expect({ where, ...pngSize(file) }).toEqual({ where, width: size, height: size });
    }
  });

  test("every resid used by the ribbon resolves to a resource of the right kind", () => {
    const refs: Array<[string, keyof typeof resourceKinds]> = [];
    for (const t of tags(hostsPart, "bt:Image")) refs.push([t.attrs.resid, "image"]);
    for (const name of ["SourceLocation", "FunctionFile", "LearnMoreUrl"]) {
      for (const t of tags(hostsPart, name)) refs.push([t.attrs.resid, "url"]);
    }
    for (const name of ["Label", "Title"]) for (const t of tags(hostsPart, name)) refs.push([t.attrs.resid, "short"]);
    for (const t of tags(hostsPart, "Description")) refs.push([t.attrs.resid, "long"]);
    const all = [...hostsPart.matchAll(/\bresid="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.map(([id]) => id).sort()).toEqual([...all].sort());
    for (const [id, kind] of refs) expect({ id, kind, found: resourceKinds[kind].has(id) }).toEqual({ id, kind, found: true });

    const ids = tags(resources, "bt:(?:Image|Url|String)").map((t) => t.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("the ribbon group on TabHome has the two TierPlan buttons", () => {
    expect(tags(hostsPart, "OfficeTab").map((t) => t.attrs.id)).toEqual(["TabHome"]);
    const controls = [...hostsPart.matchAll(/<Control\b[^>]*>([\s\S]*?)<\/Control>/g)].map((m) => ({
      label: resourceKinds.short.get(tags(m[0], "Label")[0].attrs.resid),
      action: tags(m[1], "Action")[0].attrs["xsi:type"],
      body: m[1],
    }));
    expect(controls.map((c) => [c.label, c.action])).toEqual([
      ["Open TierPlan", "ShowTaskpane"],
      ["Re-run last", "ExecuteFunction"],
    ]);
    const ids = [...hostsPart.matchAll(/<(?:Group|Control)\b[^>]*\bid="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("the ExecuteFunction name is registered by src/commands/commands.ts", () => {
    const names = [...hostsPart.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map((m) => m[1]);
    expect(names).toEqual(["rerunLast"]);
    const commands = fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    for (const name of names) expect(commands).toMatch(new RegExp(`Office\\.actions\\.associate\\(\\s*["']${name}["']`));
  });

  const hasXmllint = !spawnSync("xmllint", ["--version"]).error;
  (hasXmllint ? test : test.skip)("validates against the Office manifest XSD (xmllint)", () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "validate-manifest.js")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({
      status: 0,
      output: expect.stringContaining("is valid"),
    });
  });
});
