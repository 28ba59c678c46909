// The parts of consentgate's build; scripts/build.mjs (`npm run build`) runs them in order:
// the stages first (their hashed file names go into the core's manifest), then the core,
// the ESM build, the Node build and the declaration files.
import { existsSync, readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import sucrase from '@rollup/plugin-sucrase';
import terser from '@rollup/plugin-terser';
import { transform } from 'lightningcss';
import { dts } from 'rollup-plugin-dts';

// A number with more than six significant digits, as CSS writes it (sign, decimals, exponent,
// a unit or % may follow), that is not part of a name, a hash or an escape.
const LONG_NUMBER = /(?<![\w\\#.-])[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?![\d.])/gi;
const significant = (number) => number.replace(/^[+-]|e.*$/gi, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

/**
 * CSS minified by lightningcss, with every number of more than six significant digits kept as
 * written. lightningcss holds numbers as 32-bit floats and prints a custom property's numbers (and
 * a `var()` fallback's) with six significant digits, as CSSOM serializes numbers: the documented
 * `--cg-z-index: 2147483000` would come out as 2147480000. A browser keeps a custom property's
 * tokens as written and reads `z-index` as an integer, so such numbers are set aside under a
 * placeholder name, which lightningcss passes through, and put back afterwards.
 * @param {string} file path, for lightningcss's messages
 * @param {string} css
 * @returns {string}
 */
export const minifyCss = (file, css) => {
  const kept = [];
  const marked = css.replace(LONG_NUMBER, (number) => (significant(number) > 6 ? `cgexact${kept.push(number) - 1}_` : number));
  const { code } = transform({ filename: file, code: Buffer.from(marked), minify: true });
  const out = code.toString().trim().replace(/cgexact(\d+)_/g, (_, i) => kept[Number(i)]);
  if (/cgexact\d/.test(out)) throw new Error(`${file}: a number set aside before minifying was not put back`);
  return out;
};

// `import css from './styles.css?inline'` becomes a string, minified by lightningcss.
// Vite does the same for the unit tests.
export const inlineCss = () => ({
  name: 'inline-css',
  resolveId: (id, importer) =>
    id.endsWith('.css?inline') && importer ? new URL(id, `file://${importer}`).pathname + '?inline' : null,
  load(id) {
    if (!id.endsWith('.css?inline')) return null;
    const file = id.slice(0, -'?inline'.length);
    return `export default ${JSON.stringify(minifyCss(file, readFileSync(file, 'utf8')))};`;
  },
});

// Sucrase only strips types and compiles JSX (fast); `tsc --noEmit` in `npm test` does the type checking.
export const ts = () =>
  sucrase({
    include: ['src/**/*'],
    exclude: ['node_modules/**'],
    transforms: ['typescript', 'jsx'],
    jsxRuntime: 'automatic',
    jsxImportSource: 'preact',
    production: true,
    disableESTransforms: true,
  });

// Names that start with `_` are private to consentgate and may be shortened, also on globals
// (`undeclared`: the stage files register through window.ConsentGate._stage), except the
// `_`-names that other vendors' tags read (Matomo's _paq and _mtm, Meta's _fbq). The core and the
// stage files share one name cache, so a member shortened in one is shortened alike in the other.
export const nameCache = {};
// `extra` (the core's compile hint, bench/variant.mjs) is merged in: its `compress` and `format` into those below.
export const minify = ({ compress, format, ...extra } = {}) =>
  terser({
    ecma: 2020,
    module: false,
    // `unsafe`: template literals become "+" (all ours join strings and numbers) and `new RegExp`
    // becomes `RegExp`, which are the same there. `unsafe_proto`: `Object.prototype.x` becomes
    // `{}.x`, the same object's method (ours only read them).
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe: true, unsafe_proto: true, ...compress },
    mangle: { properties: { regex: /^_/, undeclared: true, reserved: ['_paq', '_mtm', '_fbq'] } },
    format: { comments: false, ...format },
    nameCache,
    ...extra,
  });

export const external = [/^preact(\/|$)/];

const browser = () => resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] });

/**
 * The stage files of the drop-in: name → entry. Each is an IIFE that registers with the core.
 * The interface and the embed placeholders each come with the text pack of the page's language
 * (`ui-en`, `embeds-nl`, ...), so whatever must show costs one request.
 */
export const stages = {
  // First: the interface's stages carry its SRI hash (the core does not need it).
  prefs: 'src/stages/prefs.ts',
  'ui-en': 'src/stages/ui-en.ts',
  'ui-nl': 'src/stages/ui-nl.ts',
  'embeds-en': 'src/stages/embeds-en.ts',
  'embeds-nl': 'src/stages/embeds-nl.ts',
  receipts: 'src/stages/receipts.ts',
};

// What the dialog's stage takes from the interface's: src/stages/ui.ts lends them as
// ConsentGate._lib, each under its name with `_` before it (shortened alike in both files).
const LENT = /^(preact|\.\.\/texts\/format|\.\/view)$/;
const lent = {
  name: 'lent',
  resolveId: (id, importer) => (importer?.endsWith('/src/ui/Preferences.ts') && LENT.test(id) ? '\0lent' : null),
  load: (id) =>
    id == '\0lent'
      ? `export const { ${['h', 'dataLabel', 'fill', 'list', 'Buttons', 'Intro'].map((name) => `_${name}: ${name}`).join(', ')} } = window.ConsentGate._lib;`
      : null,
};

/** `import manifest from 'consentgate:manifest'`: stage name → SRI hash, for the stages in `manifest`. */
const manifestModule = (manifest) => ({
  name: 'manifest',
  resolveId: (id) => (id == 'consentgate:manifest' ? id : null),
  load: (id) => (id == 'consentgate:manifest' ? `export default ${JSON.stringify(Object.fromEntries(Object.entries(manifest).map(([name, [, integrity]]) => [name, integrity])))};` : null),
});

// V8's explicit compile hint (Chromium 136+): every function of the file is compiled at once, off
// the main thread while the file streams in, instead of one by one on the main thread as they are
// first called.
const allFunctionsCalledOnLoad = { format: { preamble: '//# allFunctionsCalledOnLoad' } };

/**
 * One stage file (written by the build script under its hashed name); `manifest` holds the stages
 * built before it (the interface's stage carries the dialog's hash). The interface's files carry
 * the compile hint: nearly all of their code (Preact's render, the banner) runs as soon as they
 * arrive, on the way to the visible banner (measured: main-thread compile from navigation to the
 * visible banner 3.1 -> 1.9 ms CPU at 1x, for 29 bytes).
 */
// `generatedCode: 'es2015'`: rollup's own glue (the manifest, the IIFE) as const and arrows.
export const stage = (input, manifest = {}) =>
  input.endsWith('/prefs.ts')
    ? { input, output: { format: 'iife', generatedCode: 'es2015' }, plugins: [lent, inlineCss(), browser(), ts(), minify()] }
    : {
        input,
        output: { format: 'iife', generatedCode: 'es2015' },
        plugins: [manifestModule(manifest), inlineCss(), browser(), ts(), minify(/\/ui-\w+\.ts$/.test(input) ? allFunctionsCalledOnLoad : undefined)],
      };

// The core's own: inlining only functions that are a plain return, and function declarations
// moved up, give it a shorter gzip (the interface's file grows with either).
const CORE_COMPRESS = { inline: 1, hoist_funs: true };

/**
 * <script src> drop-in: the small synchronous core, with each stage's SRI hash built in (it
 * derives the file's name from it); defines window.ConsentGate.
 */
export const core = (manifest) => ({
  input: 'src/global.ts',
  output: { file: 'dist/consentgate.js', format: 'iife', generatedCode: 'es2015' },
  plugins: [
    // The dialog's hash is in the interface's stage, which fetches it.
    manifestModule(Object.fromEntries(Object.entries(manifest).filter(([name]) => name != 'prefs'))),
    inlineCss(),
    browser(),
    ts(),
    // V8's explicit compile hint (Chromium 136+; a comment elsewhere): most of the core runs on
    // every page view, so all of it is compiled at once, off the main thread where the browser
    // streams the file in, instead of function by function (each parsed again) as init() calls them.
    minify({ compress: CORE_COMPRESS, ...allFunctionsCalledOnLoad }),
  ],
});

export const others = [
  // Bundlers: ESM with preact left as a dependency. consentgate.mjs exports
  // createConsentGate and the types; headless.mjs the same without any interface. The
  // interface, texts, embeds and receipt sender are chunks loaded with import().
  {
    input: { consentgate: 'src/index.ts', headless: 'src/headless.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'consentgate-[name].[hash].mjs' },
    external,
    plugins: [inlineCss(), resolve({ extensions: ['.ts', '.tsx'], resolveOnly: [/^\./] }), ts()],
  },
  // Node: readConsent(cookieHeader) for servers that must know the visitor's choice.
  {
    input: 'src/server.ts',
    output: { file: 'dist/server.mjs', format: 'es' },
    plugins: [resolve({ extensions: ['.ts'] }), ts()],
  },
  // TypeScript users: one bundled declaration file for each entry.
  ...['consentgate:src/index.ts', 'headless:src/headless.ts', 'server:src/server.ts'].map((entry) => {
    const [name, input] = entry.split(':');
    return {
      input,
      output: { file: `dist/${name}.d.ts`, format: 'es' },
      external: [...external, /\.css\?inline$/],
      plugins: [dts({ tsconfig: './tsconfig.json' })],
    };
  }),
];

// `rollup -c` (and tools that read this file, such as bench/variant.mjs): the core built against
// the stage files already in dist/, then the other builds. `npm run build` is the full build.
export default existsSync('dist/manifest.json') ? [core(JSON.parse(readFileSync('dist/manifest.json', 'utf8'))), ...others] : others;
