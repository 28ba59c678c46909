#!/usr/bin/env node
// @ts-check
// consentgate-scan <url> [--pages N] [--json FILE] [--report FILE.html] [--config FILE] [--lang en|nl]
// Exit codes: 0 no finding of level error; 1 at least one; 2 the scan could not run (reason on stderr).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScanError, scan } from './scan.mjs';
import { htmlReport, summary } from './report.mjs';

const USAGE = `Usage: consentgate-scan <url> [options]

Visits up to N pages of the site in three fresh headless Chromium profiles (no decision,
after "Reject all", after "Accept all") and reports cookies, storage and requests to other
sites against the site's consentgate config, and checks the banner's first layer.

Options:
  --pages N          most pages to visit (same origin, links breadth-first and sitemap.xml); default 10
  --json FILE        write the full result as JSON
  --report FILE      write a self-contained HTML report (findings, cookies, screenshot)
  --config FILE      the consentgate config as JSON (default: the page's #consentgate-config block)
  --lang en|nl       the browser's language; default en
  -h, --help         this text

Environment:
  CHROMIUM_PATH                    the Chromium or Chrome to drive (default: the system Chromium)
  CONSENTGATE_SCAN_BANNER_TIMEOUT  ms to wait for the banner to appear (default 10000)

Exit codes: 0 no finding of level "error"; 1 at least one; 2 the scan could not run.
`;

/** @param {string} reason */
function fail(reason) {
  process.stderr.write(`consentgate-scan: ${reason}\n`);
  process.exit(2);
}

/** @type {ReturnType<typeof parseArgs>} */
let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      pages: { type: 'string' },
      json: { type: 'string' },
      report: { type: 'string' },
      config: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  throw error; // unreachable: fail() exits
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(positionals.length ? `one URL expected, got ${positionals.length}` : 'no URL given (see --help)');

let pages = 10;
if (values.pages !== undefined) {
  if (!/^\d+$/.test(String(values.pages)) || Number(values.pages) < 1) fail(`--pages must be a whole number ≥ 1, got ${JSON.stringify(values.pages)}`);
  pages = Number(values.pages);
}
const lang = values.lang ?? 'en';
if (lang !== 'en' && lang !== 'nl') fail(`--lang must be en or nl, got ${JSON.stringify(lang)}`);

let bannerTimeout;
const wait = process.env.CONSENTGATE_SCAN_BANNER_TIMEOUT;
if (wait) {
  if (!/^\d+$/.test(wait)) fail(`CONSENTGATE_SCAN_BANNER_TIMEOUT must be a whole number of milliseconds, got ${JSON.stringify(wait)}`);
  bannerTimeout = Number(wait);
}

/** @type {unknown} */
let config;
if (values.config !== undefined) {
  const file = String(values.config);
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`--config ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) fail(`--config ${file}: not a JSON object`);
}

let result;
try {
  result = await scan(String(positionals[0]), {
    pages,
    lang: /** @type {'en' | 'nl'} */ (lang),
    config,
    progress: (line) => process.stderr.write(`${line}\n`),
    bannerTimeout,
  });
} catch (error) {
  if (error instanceof ScanError) fail(error.message);
  fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  throw error;
}

process.stdout.write(summary(result));
try {
  if (values.json) {
    const { screenshot, ...json } = result; // eslint-disable-line no-unused-vars
    writeFileSync(String(values.json), JSON.stringify(json, null, 2) + '\n');
  }
  if (values.report) writeFileSync(String(values.report), htmlReport(result));
} catch (error) {
  fail(`cannot write output: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(result.findings.some((f) => f.level === 'error') ? 1 : 0);
