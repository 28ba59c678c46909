// Built in by rollup.config.mjs from dist/manifest.json: each stage's SRI hash, by stage name
// (the file's name follows from it: stageFile in src/stages/scripts.ts).
declare module 'consentgate:manifest' {
  const manifest: Record<string, string>;
  export default manifest;
}
