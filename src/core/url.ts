// The one rule for every URL consentgate puts into the page: links from the config
// (privacy statement, vendors, embed policies) and the src/srcset of gated iframes and
// images. A URL that could run script in the page's origin is never set.

/**
 * True for a URL that could run script: `javascript:`, `data:` or `vbscript:`, judged as
 * the WHATWG URL parser reads it (it drops ASCII tab and newline anywhere, and leading
 * C0 controls and spaces), so `java\tscript:` and ` JavaScript:` count too.
 */
export const scriptUrl = (url: string): boolean => /^(javascript|data|vbscript):/i.test(url.replace(/[\0- ]/g, ''));

/** `url` when it cannot run script, else undefined (the link or attribute is then left out). */
export const safeUrl = (url: string | undefined): string | undefined => (url && !scriptUrl(url) ? url : undefined);
