// consentgate builds four files; each entry below says who it is for.
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import sucrase from '@rollup/plugin-sucrase';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

// `import css from './styles.css?inline'` becomes a string with comments and
// needless white space removed. Vite does the same for the unit tests.
const inlineCss = () => ({
  name: 'inline-css',
  resolveId: (id, importer) =>
    id.endsWith('.css?inline') && importer ? new URL(id, `file://${importer}`).pathname + '?inline' : null,
  load(id) {
    if (!id.endsWith('.css?inline')) return null;
    const css = readFileSync(id.slice(0, -'?inline'.length), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{}:;,>~+])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
    return `export default ${JSON.stringify(css)};`;
  },
});

// Sucrase only strips types and compiles JSX (fast); `tsc --noEmit` in `npm test` does the type checking.
const ts = () =>
  sucrase({
    include: ['src/**/*'],
    exclude: ['node_modules/**'],
    transforms: ['typescript', 'jsx'],
    jsxRuntime: 'automatic',
    jsxImportSource: 'preact',
    production: true,
    disableESTransforms: true,
  });

// Names that start with `_` are private to consentgate and may be shortened, but for vendors' globals (Matomo's _paq).
const minify = () =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    mangle: { properties: { regex: /^_/, reserved: ['_paq'] } },
    format: { comments: false },
  });

const external = [/^preact(\/|$)/, /^js-cookie$/];

export default [
  // <script src> drop-in: one minified IIFE with Preact, js-cookie, CSS and en + nl texts; defines window.ConsentGate.
  {
    input: 'src/global.ts',
    output: { file: 'dist/consentgate.js', format: 'iife', sourcemap: false },
    plugins: [inlineCss(), resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }), ts(), minify()],
  },
  // Bundlers: ESM with preact and js-cookie left as dependencies; exports createConsentGate and the types.
  {
    input: 'src/index.ts',
    output: { file: 'dist/consentgate.mjs', format: 'es' },
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
  ...['consentgate:src/index.ts', 'server:src/server.ts'].map((entry) => {
    const [name, input] = entry.split(':');
    return {
      input,
      output: { file: `dist/${name}.d.ts`, format: 'es' },
      external: [...external, /\.css\?inline$/],
      plugins: [dts({ tsconfig: './tsconfig.json' })],
    };
  }),
];
