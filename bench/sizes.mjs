// node bench/sizes.mjs [patches.json] [core|ui|en|nl|embeds|receipts ...]
// Which source files the bytes of the minified drop-in come from, file by file: the core
// (consentgate.js) and each stage file it fetches. Builds the drop-in with source maps
// (bench/variant.mjs, the same build as `npm run build`, with the patches if given), gives
// every generated character to the source its mapping segment points at, and prints each
// file's minified and gzip -9 bytes, what a first visit and a returning visit load, and per
// file the minified bytes per source plus each source's share of the gzip size (gzip of the
// whole file times the source's share of its minified bytes: an estimate). Names after the
// patches limit the per-source tables to those files.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');
const args = process.argv.slice(2);
const patchArg = args.find((a) => a.endsWith('.json'));
const only = new Set(args.filter((a) => a !== patchArg));
const patches = patchArg ? JSON.parse(readFileSync(patchArg, 'utf8')) : {};
const dir = mkdtempSync(join(tmpdir(), 'cg-sizes-'));
const patchFile = join(dir, 'patches.json');
writeFileSync(patchFile, JSON.stringify({ ...patches, sourcemap: true }));
const out = join(dir, 'drop-in');
execFileSync(process.execPath, [join(BENCH_DIR, 'variant.mjs'), out, patchFile], { stdio: ['ignore', 'ignore', 'inherit'] });

const { TraceMap, eachMapping } = await import('@jridgewell/trace-mapping');
const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const files = [['core', 'consentgate.js'], ...Object.entries(manifest).map(([name, [file]]) => [name, file])];
for (const name of only) if (!files.some(([n]) => n === name)) throw new Error(`no file named ${name} (known: ${files.map(([n]) => n).join(', ')})`);

const gzip = (text) => gzipSync(text, { level: constants.Z_BEST_COMPRESSION }).length;
const f = (n) => n.toLocaleString('en');

/** Minified bytes per source file of one built file; sizes without the source-map comment the real build has not. */
function breakdown(name, file) {
  const code = readFileSync(join(out, file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '');
  const map = new TraceMap(JSON.parse(readFileSync(join(out, name == 'core' ? `${file}.map` : `consentgate-${name}.js.map`), 'utf8')));
  const lineStart = [];
  let offset = 0;
  for (const line of code.split('\n')) {
    lineStart.push(offset);
    offset += line.length + 1;
  }
  const segments = [];
  eachMapping(map, (m) => segments.push({ at: lineStart[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
  segments.sort((a, b) => a.at - b.at);
  const bytes = new Map();
  // Before the first segment: the IIFE's opening, which no source owns.
  if (segments.length && segments[0].at > 0) bytes.set('(bundle glue)', segments[0].at);
  for (let i = 0; i < segments.length; i++) {
    const end = Math.min(segments[i + 1]?.at ?? code.length, code.length);
    if (end <= segments[i].at) continue;
    const source = segments[i].source ? relative(PROJECT_DIR, resolve(out, segments[i].source)) : '(bundle glue)';
    bytes.set(source, (bytes.get(source) ?? 0) + (end - segments[i].at));
  }
  return { minified: code.length, gzip: gzip(code), bytes };
}

const built = files.map(([name, file]) => ({ name, file, ...breakdown(name, file) }));
const by = Object.fromEntries(built.map((b) => [b.name, b]));
const lines = [];
lines.push(`Drop-in built ${patchArg ? `with ${patchArg}` : 'from src/ as it is'}; gzip -9 of each file as served.`, '');
lines.push('| file | loaded | minified B | gzip B |', '|---|---|---:|---:|');
const when = { core: 'every page view', 'ui-en': 'no decision yet, or preferences opened (English page)', 'ui-nl': 'the same, Dutch page', prefs: 'preferences opened', 'embeds-en': 'page with an embed placeholder (English)', 'embeds-nl': 'the same, Dutch', receipts: 'a decision with a receipt endpoint' };
for (const b of built) lines.push(`| ${b.file} | ${when[b.name] ?? ''} | ${f(b.minified)} | ${f(b.gzip)} |`);
const sum = (names) => names.reduce((s, n) => s + (by[n]?.gzip ?? 0), 0);
lines.push(
  '',
  `Returning visit (core only): ${f(sum(['core']))} B. First visit, English (core + ui-en): ${f(sum(['core', 'ui-en']))} B; Dutch (core + ui-nl): ${f(sum(['core', 'ui-nl']))} B.`,
  '',
);
for (const b of built) {
  if (only.size && !only.has(b.name)) continue;
  lines.push(`## ${b.file} (${b.name}): minified ${f(b.minified)} B, gzip -9 ${f(b.gzip)} B`, '');
  lines.push('| source | minified B | share | ≈ gzip B |', '|---|---:|---:|---:|');
  for (const [source, n] of [...b.bytes].sort((x, y) => y[1] - x[1])) {
    lines.push(`| ${source} | ${f(n)} | ${((100 * n) / b.minified).toFixed(1)} % | ${f(Math.round((b.gzip * n) / b.minified))} |`);
  }
  lines.push('');
}
process.stdout.write(lines.join('\n'));
