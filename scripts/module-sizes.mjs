// Where a built file's bytes go, module by module: `node scripts/module-sizes.mjs core` (or a stage
// name: ui, en, nl, embeds, receipts), after `npm run build`. Each module is minified and gzipped on
// its own, so the figures add up to more than the file: an estimate for choosing what to cut, not a
// measurement of the file (test/unit/dist.test.ts measures that).
import { rollup } from 'rollup';
import { minify } from 'terser';
import { stage, core } from '../rollup.config.mjs';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const which = process.argv[2];
const c = which === 'core' ? core(JSON.parse(readFileSync('dist/manifest.json','utf8'))) : stage(`src/stages/${which}.ts`, JSON.parse(readFileSync('dist/manifest.json','utf8')));
c.plugins = c.plugins.filter(p => p.name !== 'terser');
const b = await rollup(c);
const { output } = await b.generate({ format: 'es' });
let tot=0;
const rows=[];
for (const [id, m] of Object.entries(output[0].modules)) {
  const r = await minify(`(()=>{${m.code}})()`, { compress: { passes: 2, unused: false, side_effects:false }, mangle: { properties: { regex: /^_/ } } });
  const z = gzipSync(r.code, {level:9}).length; tot+=z;
  rows.push([r.code.length, z, id.replace(/.*wt\/core\//,'')]);
}
rows.sort((a,b)=>b[1]-a[1]); for (const r of rows) console.log(r.join('\t'));
console.log('sum', tot);
