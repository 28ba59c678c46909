// The stylesheets of the interface and of the embed placeholders: base.css followed by each one's
// own rules. Every shadow root of a kind uses the same constructable sheet, parsed once; each
// stage file carries only the sheet it uses.
import { adopt } from '../core/sheet';
import base from './base.css?inline';
import embed from './embed.css?inline';
import ui from './styles.css?inline';

let uiSheet: CSSStyleSheet | undefined;
let embedSheet: CSSStyleSheet | undefined;
let dialogSheet: CSSStyleSheet | undefined;

/**
 * Adds `css` after the sheets `root` already has, as `sheet` when given (parsed once, shared by
 * every root), once per root; returns the sheet. Without adoptedStyleSheets, the text goes at the
 * end of the root's <style> element (src/core/sheet.ts made it).
 */
const add = (root: ShadowRoot, css: string, sheet?: CSSStyleSheet): CSSStyleSheet | undefined => {
  if (!root.adoptedStyleSheets) return void (root.querySelector('style')!.textContent += css);
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return sheet;
};

/**
 * The interface's sheet, after the core's (src/core/reopen.css: the host's reset, the reopen button,
 * the custom properties they share), which it builds on.
 */
export const adoptStyles = (root: ShadowRoot): void => void (uiSheet = add(root, base + ui, uiSheet));

/** The preferences dialog's own rules (`css`, which its stage file carries), after the interface's sheet. */
export const addDialogStyles = (root: ShadowRoot, css: string): void => void (dialogSheet = add(root, css, dialogSheet));

/** The sheet of an embed placeholder's shadow root. */
export const adoptEmbedStyles = (root: ShadowRoot): void => void (embedSheet = adopt(root, base + embed, embedSheet));
