// `npm run build`: the stage files first, each named for a hash of its content; then the core
// with their names and SRI hashes built in; then the ESM, Node and declaration builds.
// bench/variant.mjs builds the same drop-in elsewhere through `buildDropIn` (with source edits,
// without terser, or with source maps), so a variant is measured exactly as the real one is built.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { core, others, stage, stages } from '../rollup.config.mjs';

const onwarn = (warning, warn) => warning.code != 'CIRCULAR_DEPENDENCY' && warn(warning);

const write = async (options) => {
  const bundle = await rollup({ ...options, onwarn });
  const outputs = [].concat(options.output);
  const written = [];
  for (const output of outputs) written.push(...(await bundle.write(output)).output);
  await bundle.close();
  return written;
};

/**
 * The <script src> drop-in: the stage files, manifest.json and consentgate.js, written to `dir`.
 * Files of an earlier build there (`consentgate-*`, named for their hashes) are removed first.
 * @param {{ dir?: string, adapt?: (options: import('rollup').RollupOptions) => import('rollup').RollupOptions, sourcemap?: boolean }} [options]
 *   adapt: changes each file's rollup options before it is built (bench/variant.mjs adds its
 *   source edits there, or takes terser out); sourcemap: writes `<file>.map` beside each file.
 * @returns {Promise<Record<string, [file: string, integrity: string]>>} the manifest
 */
export async function buildDropIn({ dir = 'dist', adapt = (options) => options, sourcemap = false } = {}) {
  mkdirSync(dir, { recursive: true });
  // Files of an earlier build: their names carry hashes, so they would pile up.
  for (const file of readdirSync(dir)) if (/^consentgate-/.test(file)) rmSync(join(dir, file));
  // One after the other: the name cache for `_` members fills up in this order. The core, which
  // every page view loads, goes first, so that its members get the shortest names: it is minified
  // once before the stages (with placeholder hashes, which name no member), and only that run's
  // names are kept.
  const placeholders = Object.fromEntries(Object.keys(stages).map((name) => [name, ['', `sha256-${'A'.repeat(43)}=`]]));
  const first = adapt(core(placeholders));
  await (await rollup({ ...first, onwarn })).generate(first.output);
  const manifest = {};
  for (const [name, input] of Object.entries(stages)) {
    const options = adapt(stage(input, manifest));
    const bundle = await rollup({ ...options, onwarn });
    // `dir`: the source map names its sources relative to the folder the file is written to.
    const { output } = await bundle.generate({ ...options.output, dir, sourcemap });
    await bundle.close();
    const code = output[0].code.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
    // The map is named for the stage, not the file: the file's name comes from the hash of this text.
    const text = sourcemap ? `${code}//# sourceMappingURL=consentgate-${name}.js.map\n` : code;
    // SHA-256 is one of the three digests Subresource Integrity defines and as binding as SHA-384 here;
    // its hash is 21 characters shorter, and base64 does not compress.
    const integrity = 'sha256-' + createHash('sha256').update(text).digest('base64');
    // The file is named for the same hash, by the rule the core follows to find it (stageFile in
    // src/stages/file-name.ts), so the core carries only the integrity.
    const file = `consentgate-${name}.${integrity.slice(7, 17).replace(/\W/g, '')}.js`;
    writeFileSync(join(dir, file), text);
    if (sourcemap) writeFileSync(join(dir, `consentgate-${name}.js.map`), output[0].map.toString());
    manifest[name] = [file, integrity];
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const options = adapt(core(manifest));
  await write({ ...options, output: { ...options.output, file: join(dir, 'consentgate.js'), sourcemap } });
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDropIn();
  for (const options of others) await write(options);
}
