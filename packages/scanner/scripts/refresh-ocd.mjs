#!/usr/bin/env node
// @ts-check
// Refresh the Open Cookie Database shipped in ../data/ from its upstream repository
// (jkwakman/Open-Cookie-Database on GitHub, branch master, Apache License 2.0).
//
//   node packages/scanner/scripts/refresh-ocd.mjs            download the newest CSV and LICENSE
//   node packages/scanner/scripts/refresh-ocd.mjs --from F   use a CSV file already on disk
//
// It needs internet access (the machine this project is built on has none, so the copy in
// data/ was taken by hand; see data/README.md). The new CSV must parse, have the expected
// columns and at least 1,000 rows, else nothing is written. It then rewrites the "Version:"
// line of data/README.md with the upstream commit (when GitHub says which) and today's date.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';

const REPO = 'jkwakman/Open-Cookie-Database';
const RAW = `https://raw.githubusercontent.com/${REPO}/master`;
const COMMITS = `https://api.github.com/repos/${REPO}/commits?sha=master&path=open-cookie-database.csv&per_page=1`;
const DATA = new URL('../data/', import.meta.url);
const COLUMNS = ['ID', 'Platform', 'Category', 'Cookie / Data Key name', 'Domain', 'Description', 'Retention period', 'Data Controller', 'User Privacy & GDPR Rights Portals', 'Wildcard match'];

/** Check a CSV text; returns its row count and how many rows are wildcard entries. @throws {Error} naming what is wrong */
export function validate(/** @type {string} */ csv) {
  /** @type {string[][]} */
  const rows = parse(csv, { skip_empty_lines: true, bom: true });
  const head = rows[0] ?? [];
  const missing = COLUMNS.filter((c) => !head.includes(c));
  if (missing.length) throw new Error(`the CSV lacks the column(s) ${missing.map((c) => JSON.stringify(c)).join(', ')}`);
  if (rows.length - 1 < 1000) throw new Error(`the CSV has only ${rows.length - 1} rows (expected at least 1,000)`);
  const wildcard = head.indexOf('Wildcard match');
  return { rows: rows.length - 1, wildcard: rows.slice(1).filter((r) => r[wildcard] === '1').length };
}

async function get(/** @type {string} */ url) {
  const response = await fetch(url, { headers: { 'User-Agent': 'consentgate-scan refresh-ocd' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  let csv;
  let licence = null;
  let commit = 'unknown commit';
  if (values.from) {
    csv = readFileSync(values.from, 'utf8');
    commit = `local file ${values.from}`;
  } else {
    csv = await get(`${RAW}/open-cookie-database.csv`);
    licence = await get(`${RAW}/LICENSE`);
    try {
      const [latest] = JSON.parse(await get(COMMITS));
      if (latest?.sha) commit = `upstream commit \`${String(latest.sha).slice(0, 7)}\`, dated ${String(latest.commit?.committer?.date ?? '').slice(0, 10)}`;
    } catch {
      // the version line then names only the download date
    }
  }
  const { rows, wildcard } = validate(csv);
  writeFileSync(new URL('open-cookie-database.csv', DATA), csv);
  if (licence) writeFileSync(new URL('OPEN-COOKIE-DATABASE-LICENSE', DATA), licence);
  const readme = new URL('README.md', DATA);
  const today = new Date().toISOString().slice(0, 10);
  const line = `- Version: ${commit}; refreshed ${today}; ${rows.toLocaleString('en')} rows (${wildcard} of them wildcard/prefix entries).`;
  writeFileSync(readme, readFileSync(readme, 'utf8').replace(/^- Version: .*$/m, line));
  console.log(`Open Cookie Database: ${rows} rows written to packages/scanner/data/ (${commit})`);
}

if (process.argv[1] && new URL(import.meta.url).pathname === new URL(`file://${process.argv[1]}`).pathname) {
  main().catch((error) => {
    console.error(`refresh-ocd: ${error instanceof Error ? error.message : String(error)}; nothing written`);
    process.exit(1);
  });
}
