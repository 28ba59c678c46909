// Written by scripts/build.mjs: each stage's file name (with the hash of its content) and its SRI hash.
declare module 'consentgate:manifest' {
  const manifest: Record<string, [file: string, integrity: string]>;
  export default manifest;
}
