// The name of a stage file of the drop-in, which carries a hash of its content so that a site can
// cache it for a year. scripts/build.mjs names the files by the same rule.

/**
 * The file of stage `name` whose SRI hash is `integrity` ("sha256-<base64>"): the stage's name and
 * the letters and digits among the first ten characters of the base64 hash, e.g.
 * `consentgate-ui-en.9pbFPu4VHR.js`.
 */
export const stageFile = (name: string, integrity: string): string => `consentgate-${name}.${integrity.slice(7, 17).replace(/\W/g, '')}.js`;
