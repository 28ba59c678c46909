// `npm run build`: the stage files first, each named for a hash of its content; then the core
// with their names and SRI hashes built in; then the ESM, Node and declaration builds.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { core, others, stage, stages } from '../rollup.config.mjs';

const DIST = 'dist';
mkdirSync(DIST, { recursive: true });
// Files of an earlier build: their names carry hashes, so they would pile up.
for (const file of readdirSync(DIST)) if (/^consentgate-/.test(file)) rmSync(join(DIST, file));

const write = async (options) => {
  const bundle = await rollup({ ...options, onwarn: (warning, warn) => warning.code != 'CIRCULAR_DEPENDENCY' && warn(warning) });
  const outputs = [].concat(options.output);
  const written = [];
  for (const output of outputs) written.push(...(await bundle.write(output)).output);
  await bundle.close();
  return written;
};

// One after the other: the name cache for `_` members fills up in this order.
const manifest = {};
for (const [name, input] of Object.entries(stages)) {
  const bundle = await rollup(stage(input));
  const { output } = await bundle.generate(stage(input).output);
  await bundle.close();
  const code = output[0].code;
  // SHA-256 is one of the three digests Subresource Integrity defines and as binding as SHA-384 here;
  // its hash is 21 characters shorter, and base64 does not compress (five of them are in the core).
  const integrity = 'sha256-' + createHash('sha256').update(code).digest('base64');
  // The file is named for the same hash, by the rule the core follows to find it (stageFile in
  // src/stages/file-name.ts), so the core carries only the integrity.
  const file = `consentgate-${name}.${integrity.slice(7, 17).replace(/\W/g, '')}.js`;
  writeFileSync(join(DIST, file), code);
  manifest[name] = [file, integrity];
}
writeFileSync(join(DIST, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
await write(core(manifest));
for (const options of others) await write(options);
