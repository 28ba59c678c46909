// The one stylesheet of consentgate's shadow roots: the interface and every embed
// placeholder adopt the same constructable sheet, parsed once. A constructable
// sheet needs no 'unsafe-inline' under a strict CSP; browsers without
// adoptedStyleSheets get a <style> element instead.
import css from './styles.css?inline';

let sheet: CSSStyleSheet | undefined;

export const adoptStyles = (root: ShadowRoot): void => {
  if (root.adoptedStyleSheets) {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else root.appendChild(document.createElement('style')).textContent = css;
};
