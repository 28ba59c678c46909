// Styles in a shadow root: one constructable stylesheet, which a strict CSP allows without
// 'unsafe-inline'; browsers without adoptedStyleSheets get a <style> element instead.

/**
 * Puts `css` into `root` in place of what was there (the interface's sheet replaces the core's),
 * as `sheet` when given (parsed once, shared by every root); returns the sheet.
 */
export const adopt = (root: ShadowRoot, css: string, sheet?: CSSStyleSheet): CSSStyleSheet | undefined => {
  if (!root.adoptedStyleSheets) return void ((root.querySelector('style') ?? root.appendChild(document.createElement('style'))).textContent = css);
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  return sheet;
};
