/**
 * The production manifest: every URL of manifest.xml points at the webpack dev server
 * (https://localhost:3000); a deployment build rewrites that origin to the add-in's public URL.
 * Used by webpack.config.js and tested in test/manifest/production-manifest.test.ts.
 */
"use strict";

const DEV_ORIGIN = "https://localhost:3000";

/**
 * The add-in's public URL from the environment (ADDIN_URL, or its older name TIERPLAN_PUBLIC_URL):
 * an https:// address (Office loads add-ins only over HTTPS) without query or fragment, with no
 * trailing slash; "" when unset. Throws an Error with a plain message when it is not usable.
 * @param {Record<string, string | undefined>} env
 */
function addinPublicUrl(env) {
  const raw = (env.ADDIN_URL || env.TIERPLAN_PUBLIC_URL || "").trim();
  if (!raw) return "";
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: "${raw}" (example: https://tierplan.example.com/addin)`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must start with https:// (Office loads add-ins only over HTTPS): "${raw}"`);
  if (url.search || url.hash) throw new Error(`ADDIN_URL must not have a query or fragment: "${raw}"`);
  return url.href.replace(/\/+$/, "");
}

/** manifest.xml with every dev-server URL rewritten to `publicUrl`. */
function productionManifest(xml, publicUrl) {
  return xml.split(DEV_ORIGIN).join(publicUrl);
}

module.exports = { DEV_ORIGIN, addinPublicUrl, productionManifest };
