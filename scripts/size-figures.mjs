// node scripts/size-figures.mjs: measures the built drop-in (gzip level 9, as test/unit/dist.test.ts
// does) and rewrites the README's <!-- size:NAME --> figures to match. Run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
const gzip = (file) => gzipSync(readFileSync('dist/' + file), { level: 9 }).length;
const sizes = { core: gzip('consentgate.js') };
for (const name in manifest) sizes[name] = gzip(manifest[name][0]);
// A first visit loads the core, the interface and the text pack of one language.
sizes.firstVisit = sizes.core + sizes.ui + Math.max(sizes.en ?? 0, sizes.nl ?? 0);
const readme = readFileSync('README.md', 'utf8').replace(
  /<!-- size:(\w+) -->(\**)([\d,]+)/g,
  (all, name, stars) => (name in sizes ? `<!-- size:${name} -->${stars}${sizes[name].toLocaleString('en')}` : all),
);
writeFileSync('README.md', readme);
console.log(sizes);
