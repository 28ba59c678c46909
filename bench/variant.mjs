// node bench/variant.mjs <out-dir> [patches.json]
// Builds the whole <script src> drop-in (consentgate.js, its stage files and manifest.json) into
// <out-dir> with scripts/build.mjs's own `buildDropIn`, but with source edits applied in memory
// (src/ stays untouched), so a proposed change can be measured side by side:
//   BENCH_VARIANTS=name=<out-dir> npm run bench
// The folder is served whole at /variants/name/, so the core fetches the variant's own stages.
//   patches.json: { "replace": [{ "file": "src/core/create.ts", "from": "…", "to": "…" }],
//                   "terser": { "format": { "wrap_iife": true } },   (merged into rollup.config.mjs's terser options)
//                   "minify": true,                                (false: leave terser out)
//                   "sourcemap": false }                           (true: <file>.map beside each file)
// Only the drop-in is built (not the ESM, Node or declaration builds); dist/ is not touched.
import { readFileSync } from 'node:fs';
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const [out, patchFile] = process.argv.slice(2);
if (!out || /\.m?js$/.test(out)) {
  console.error('usage: node bench/variant.mjs <out-dir> [patches.json]   (a folder: the drop-in is several files)');
  process.exit(2);
}
const patches = patchFile ? JSON.parse(readFileSync(patchFile, 'utf8')) : {};
const outDir = resolvePath(out);
if (outDir === resolvePath(PROJECT_DIR, 'dist')) {
  console.error('bench/variant.mjs: not into dist/ (npm run build writes that)');
  process.exit(2);
}
process.chdir(PROJECT_DIR);

const { minify } = await import(pathToFileURL(join(PROJECT_DIR, 'rollup.config.mjs')).href);
const { buildDropIn } = await import(pathToFileURL(join(PROJECT_DIR, 'scripts', 'build.mjs')).href);

const edits = new Map();
for (const r of patches.replace ?? []) {
  const file = resolvePath(PROJECT_DIR, r.file);
  edits.set(file, [...(edits.get(file) ?? []), r]);
}
const used = new Set();
const patchPlugin = {
  name: 'bench-patches',
  load(id) {
    const list = edits.get(id);
    if (!list) return null;
    let code = readFileSync(id, 'utf8');
    for (const r of list) {
      if (!code.includes(r.from)) throw new Error(`${r.file}: text to replace not found: ${r.from.slice(0, 60)}`);
      code = code.replace(r.from, r.to);
      used.add(r);
    }
    return code;
  },
};

// rollup.config.mjs's own plugins for each file; terser left out, or rebuilt with the patch's
// options merged into the project's (the core and stages share one name cache for `_` members).
const adapt = (options) => {
  const plugins = options.plugins.filter((p) => p?.name !== 'terser');
  const minified = patches.minify === false ? [] : patches.terser ? [minify(patches.terser)] : options.plugins.filter((p) => p?.name === 'terser');
  return { ...options, plugins: [patchPlugin, ...plugins, ...minified] };
};
const manifest = await buildDropIn({ dir: outDir, adapt, sourcemap: patches.sourcemap === true });
const unused = (patches.replace ?? []).filter((r) => !used.has(r));
if (unused.length) {
  console.error(`bench/variant.mjs: these edits apply to no file of the drop-in: ${unused.map((r) => r.file).join(', ')}`);
  process.exit(1);
}
console.error(`${outDir}: consentgate.js + ${Object.values(manifest).map(([file]) => file).join(', ')}`);
console.log(outDir);
