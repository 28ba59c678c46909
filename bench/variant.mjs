// node bench/variant.mjs <out.js> [patches.json]
// Builds the <script src> drop-in exactly as rollup.config.mjs does, but with
// source edits applied in memory (src/ stays untouched), so a proposed change
// can be measured side by side: BENCH_VARIANTS=name=<out.js> npm run bench.
//   patches.json: { "replace": [{ "file": "src/ui/view.ts", "from": "…", "to": "…" }],
//                   "terser": { "format": { "wrap_iife": true } },   (merged into the terser options)
//                   "minify": true,                                (false: leave terser out)
//                   "sourcemap": false }
import { readFileSync } from 'node:fs';
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const [out, patchFile] = process.argv.slice(2);
if (!out) {
  console.error('usage: node bench/variant.mjs <out.js> [patches.json]');
  process.exit(2);
}
const patches = patchFile ? JSON.parse(readFileSync(patchFile, 'utf8')) : {};
const outFile = resolvePath(out);
process.chdir(PROJECT_DIR);

const config = (await import(pathToFileURL(join(PROJECT_DIR, 'rollup.config.mjs')).href)).default;
const entry = config.find((c) => c.output?.file === 'dist/consentgate.js');

const edits = new Map();
for (const r of patches.replace ?? []) {
  const file = resolvePath(PROJECT_DIR, r.file);
  edits.set(file, [...(edits.get(file) ?? []), r]);
}
const patchPlugin = {
  name: 'bench-patches',
  load(id) {
    const list = edits.get(id);
    if (!list) return null;
    let code = readFileSync(id, 'utf8');
    for (const r of list) {
      if (!code.includes(r.from)) throw new Error(`${r.file}: text to replace not found: ${r.from.slice(0, 60)}`);
      code = code.replace(r.from, r.to);
    }
    return code;
  },
};

// Without terser options in the patch, rollup.config.mjs's own plugins are used as they are;
// with them, a copy of its terser options (keep in step) extended with the patch's.
const terserOptions = {
  ecma: 2020,
  module: false,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, ...(patches.terser?.compress ?? {}) },
  mangle: { properties: { regex: /^_/ } },
  format: { comments: false, ...(patches.terser?.format ?? {}) },
};
const plugins =
  patches.minify === false
    ? entry.plugins.filter((p) => p?.name !== 'terser')
    : patches.terser
      ? [...entry.plugins.filter((p) => p?.name !== 'terser'), terser(terserOptions)]
      : entry.plugins;
const bundle = await rollup({ input: entry.input, plugins: [patchPlugin, ...plugins] });
await bundle.write({ file: outFile, format: 'iife', sourcemap: patches.sourcemap === true });
await bundle.close();
console.log(outFile);
