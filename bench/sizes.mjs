// node bench/sizes.mjs [patches.json]: which source files the bytes of the minified
// drop-in come from. Builds it with a source map (bench/variant.mjs), gives every
// generated character to the source its mapping segment points at, and prints
// minified bytes per file plus each file's share of the gzip size (gzip of the
// whole file times the file's share of the minified bytes: an estimate).
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');
const patches = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {};
const dir = mkdtempSync(join(tmpdir(), 'cg-sizes-'));
const patchFile = join(dir, 'patches.json');
writeFileSync(patchFile, JSON.stringify({ ...patches, sourcemap: true, terser: patches.terser ?? {} }));
const file = join(dir, 'consentgate.js');
execFileSync(process.execPath, [join(BENCH_DIR, 'variant.mjs'), file, patchFile], { stdio: ['ignore', 'ignore', 'inherit'] });

const { TraceMap, eachMapping } = await import('@jridgewell/trace-mapping');
const code = readFileSync(file, 'utf8');
const map = new TraceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
const lines = code.split('\n');
const lineStart = [];
let offset = 0;
for (const line of lines) {
  lineStart.push(offset);
  offset += line.length + 1;
}
const segments = [];
eachMapping(map, (m) => segments.push({ at: lineStart[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
segments.sort((a, b) => a.at - b.at);
const bytes = new Map();
for (let i = 0; i < segments.length; i++) {
  const end = segments[i + 1]?.at ?? code.length;
  const source = segments[i].source ? relative(PROJECT_DIR, join(dir, segments[i].source)).replace(/^(\.\.\/)+/, '') : '(bundle glue)';
  bytes.set(source, (bytes.get(source) ?? 0) + (end - segments[i].at));
}
const total = code.length;
const gz = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
const rows = [...bytes].sort((a, b) => b[1] - a[1]);
console.log(`minified ${total} B, gzip -9 ${gz} B\n`);
console.log('| source | minified B | share | ≈ gzip B |');
console.log('|---|---:|---:|---:|');
for (const [source, b] of rows) console.log(`| ${source} | ${b} | ${((100 * b) / total).toFixed(1)} % | ${Math.round((gz * b) / total)} |`);
