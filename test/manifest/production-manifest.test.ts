/**
 * The deployment manifest: `ADDIN_URL=https://… npm run build` writes dist/manifest.xml from
 * manifest.xml with every URL moved to the public address. Checked here without a webpack build:
 * the same functions webpack.config.js uses, then the XSD on the result (xmllint; CI installs it).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const { addinPublicUrl, productionManifest, DEV_ORIGIN } = require("../../scripts/addin-url") as {
  addinPublicUrl(env: Record<string, string | undefined>): string;
  productionManifest(xml: string, url: string): string;
  DEV_ORIGIN: string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const PUBLIC = "https://tierplan.example.com/addin";

function urlsOf(xml: string): string[] {
  return [...xml.replace(/<!--[\s\S]*?-->/g, "").matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]);
}

describe("production manifest (ADDIN_URL)", () => {
  it("reads the public URL: https only, no query, no trailing slash; the old name still works", () => {
    expect(addinPublicUrl({})).toBe("");
    expect(addinPublicUrl({ ADDIN_URL: " https://tierplan.example.com/addin/ " })).toBe(PUBLIC);
    expect(addinPublicUrl({ TIERPLAN_PUBLIC_URL: "https://a.example.com" })).toBe("https://a.example.com");
    expect(() => addinPublicUrl({ ADDIN_URL: "http://tierplan.example.com" })).toThrow(/https:\/\//);
    expect(() => addinPublicUrl({ ADDIN_URL: "https://x.example.com/?v=1" })).toThrow(/query/);
    expect(() => addinPublicUrl({ ADDIN_URL: "tierplan" })).toThrow(/not a URL/);
  });

  it("moves every URL of the manifest to the public address", () => {
    const before = urlsOf(SOURCE);
    expect(before.length).toBeGreaterThan(5);
    expect(before.every((u) => u.startsWith(DEV_ORIGIN))).toBe(true);
    const after = urlsOf(productionManifest(SOURCE, PUBLIC));
    expect(after).toEqual(before.map((u) => PUBLIC + u.slice(DEV_ORIGIN.length)));
  });

  const hasXmllint = !spawnSync("xmllint", ["--version"]).error;
  (hasXmllint ? it : it.skip)("passes the Office manifest XSD (xmllint)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tierplan-manifest-"));
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, productionManifest(SOURCE, PUBLIC));
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "validate-manifest.js"), file], { cwd: ROOT, encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    expect({ status: r.status, output: `${r.stdout}${r.stderr}` }).toEqual({ status: 0, output: expect.stringContaining("is valid") });
  });
});
