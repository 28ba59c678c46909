// Stylesheets are imported as minified strings (rollup.config.mjs; Vite's `?inline` in tests)
// and handed to a constructable CSSStyleSheet inside the shadow root.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
