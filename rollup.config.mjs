// The parts of consentgate's build; scripts/build.mjs (`npm run build`) runs them in order:
// the stages first (their hashed file names go into the core's manifest), then the core,
// the ESM build, the Node build and the declaration files.
import { existsSync, readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import sucrase from '@rollup/plugin-sucrase';
import terser from '@rollup/plugin-terser';
import { transform } from 'lightningcss';
import { dts } from 'rollup-plugin-dts';

// `import css from './styles.css?inline'` becomes a string, minified by lightningcss.
// Vite does the same for the unit tests.
export const inlineCss = () => ({
  name: 'inline-css',
  resolveId: (id, importer) =>
    id.endsWith('.css?inline') && importer ? new URL(id, `file://${importer}`).pathname + '?inline' : null,
  load(id) {
    if (!id.endsWith('.css?inline')) return null;
    const file = id.slice(0, -'?inline'.length);
    const { code } = transform({ filename: file, code: readFileSync(file), minify: true });
    return `export default ${JSON.stringify(code.toString().trim())};`;
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
export const minify = () =>
  terser({
    ecma: 2020,
    module: false,
    // `unsafe`: template literals become "+" (all ours join strings and numbers) and `new RegExp`
    // becomes `RegExp`, which are the same there.
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe: true },
    mangle: { properties: { regex: /^_/, undeclared: true, reserved: ['_paq', '_mtm', '_fbq'] } },
    format: { comments: false },
    nameCache,
  });

export const external = [/^preact(\/|$)/, /^js-cookie$/];

const browser = () => resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] });

/**
 * The stage files of the drop-in: name → entry. Each is an IIFE that registers with the core.
 * The interface and the embed placeholders each come with the text pack of the page's language
 * (`ui-en`, `embeds-nl`, ...), so whatever must show costs one request.
 */
export const stages = {
  'ui-en': 'src/stages/ui-en.ts',
  'ui-nl': 'src/stages/ui-nl.ts',
  'embeds-en': 'src/stages/embeds-en.ts',
  'embeds-nl': 'src/stages/embeds-nl.ts',
  receipts: 'src/stages/receipts.ts',
};

/** One stage file (written by the build script under its hashed name). */
export const stage = (input) => ({ input, output: { format: 'iife' }, plugins: [inlineCss(), browser(), ts(), minify()] });

/**
 * <script src> drop-in: the small synchronous core, with each stage's SRI hash built in (it
 * derives the file's name from it); defines window.ConsentGate.
 */
export const core = (manifest) => ({
  input: 'src/global.ts',
  output: { file: 'dist/consentgate.js', format: 'iife' },
  plugins: [
    {
      name: 'manifest',
      resolveId: (id) => (id == 'consentgate:manifest' ? id : null),
      load: (id) => (id == 'consentgate:manifest' ? `export default ${JSON.stringify(Object.fromEntries(Object.entries(manifest).map(([name, [, integrity]]) => [name, integrity])))};` : null),
    },
    inlineCss(),
    browser(),
    ts(),
    minify(),
  ],
});

export const others = [
  // Bundlers: ESM with preact and js-cookie left as dependencies. consentgate.mjs exports
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
