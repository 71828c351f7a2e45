#!/usr/bin/env node
/**
 * Validates manifest.xml offline against Microsoft's add-in manifest schemas (v1.1) with xmllint.
 *
 *   node scripts/validate-manifest.js [manifest.xml]
 *
 * Schema directory: $TIERPLAN_XSD_DIR, else ../shared/office-manifest-xsd next to the repository.
 * (`office-addin-manifest validate` needs Microsoft's web service; this check does not.)
 * The schemas predate <Runtimes>; test/manifest/manifest.test.ts checks what they cannot.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..');
const SCHEMA_FILE = 'OfficeAppManifestV1_1.xsd';

function schemaDir() {
  if (process.env.TIERPLAN_XSD_DIR) return path.resolve(process.env.TIERPLAN_XSD_DIR);
  return path.resolve(REPO_ROOT, '..', 'shared', 'office-manifest-xsd');
}

function fail(message) {
  console.error(`validate-manifest: ${message}`);
  process.exit(1);
}

function main() {
  const manifest = process.argv[2] ? path.resolve(process.argv[2]) : path.join(REPO_ROOT, 'manifest.xml');
  if (!fs.existsSync(manifest)) fail(`manifest not found: ${manifest}`);

  const schema = path.join(schemaDir(), SCHEMA_FILE);
  if (!fs.existsSync(schema)) {
    fail(
      `schema not found: ${schema}\n` +
        '  Point TIERPLAN_XSD_DIR at a folder holding OfficeAppManifestV1_1.xsd and the XSDs it imports.',
    );
  }

  const result = spawnSync('xmllint', ['--noout', '--schema', schema, manifest], { encoding: 'utf8' });
  if (result.error && result.error.code === 'ENOENT') {
    fail(
      'xmllint is not installed (it is part of libxml2).\n' +
        '  Debian/Ubuntu: apt-get install -y libxml2-utils\n' +
        '  macOS: ships with xmllint (or brew install libxml2)',
    );
  }
  if (result.error) fail(`could not run xmllint: ${result.error.message}`);

  const output = `${result.stdout || ''}${result.stderr || ''}`.trim();
  if (result.status !== 0) {
    console.error(output);
    fail(`${path.relative(process.cwd(), manifest) || manifest} does NOT validate against ${schema}`);
  }
  console.log(`validate-manifest: ${path.relative(process.cwd(), manifest) || manifest} is valid (${SCHEMA_FILE}, xmllint)`);
}

main();
