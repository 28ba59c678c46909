// Styles in a shadow root: one constructable stylesheet, which a strict CSP allows without
// 'unsafe-inline'; browsers without adoptedStyleSheets get a <style> element instead.

/**
 * Puts `css` into a new shadow root (the host's, an embed placeholder's), as `sheet` when given
 * (parsed once, shared by every root); returns the sheet. The interface adds its sheets after it
 * (src/ui/sheet.ts).
 */
export const adopt = (root: ShadowRoot, css: string, sheet?: CSSStyleSheet): CSSStyleSheet | undefined => {
  if (!root.adoptedStyleSheets) return void ((root.querySelector('style') ?? root.appendChild(document.createElement('style'))).textContent = css);
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  return sheet;
};
