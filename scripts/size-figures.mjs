// node scripts/size-figures.mjs: measures the built drop-in (gzip level 9, as test/unit/dist.test.ts
// does) and rewrites the README's <!-- size:NAME --> figures to match. Run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
const gzip = (file) => gzipSync(readFileSync('dist/' + file), { level: 9 }).length;
const sizes = { core: gzip('consentgate.js') };
// Stage `ui-en` is figure `uiEn`.
for (const name in manifest) sizes[name.replace(/-(\w)/, (all, letter) => letter.toUpperCase())] = gzip(manifest[name][0]);
// A first visit loads the core and the interface with the text pack of one language.
sizes.firstVisit = sizes.core + Math.max(sizes.uiEn, sizes.uiNl);
const readme = readFileSync('README.md', 'utf8').replace(
  /<!-- size:(\w+) -->(\**)([\d,]+)/g,
  (all, name, stars) => (name in sizes ? `<!-- size:${name} -->${stars}${sizes[name].toLocaleString('en')}` : all),
);
writeFileSync('README.md', readme);
console.log(sizes);
