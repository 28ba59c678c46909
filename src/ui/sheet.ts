// The stylesheets of the interface and of the embed placeholders: base.css followed by each one's
// own rules. Every shadow root of a kind adopts the same constructable sheet, parsed once
// (src/core/sheet.ts); each stage file carries only the sheet it uses.
import { adopt } from '../core/sheet';
import type { UILib } from '../core/ui';
import base from './base.css?inline';
import embed from './embed.css?inline';
import ui from './styles.css?inline';

let uiSheet: CSSStyleSheet | undefined;
let embedSheet: CSSStyleSheet | undefined;
let dialogSheet: CSSStyleSheet | undefined;

/**
 * The interface's sheet, in place of the core's (which styles only the reopen button), through
 * the core's `adopt` (UIContext._lib), which the interface's stage file does not carry again.
 */
export const adoptStyles = (root: ShadowRoot, lib: UILib): void => void (uiSheet = lib._adopt(root, base + ui, uiSheet));

/**
 * Adds the preferences dialog's own rules (`css`, which its stage file carries) after the
 * interface's sheet in `root`; once per root.
 */
export const addDialogStyles = (root: ShadowRoot, css: string): void => {
  if (!root.adoptedStyleSheets) return void (root.querySelector('style')!.textContent += css);
  if (!dialogSheet) (dialogSheet = new CSSStyleSheet()).replaceSync(css);
  if (!root.adoptedStyleSheets.includes(dialogSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, dialogSheet];
};

/** The sheet of an embed placeholder's shadow root. */
export const adoptEmbedStyles = (root: ShadowRoot): void => void (embedSheet = adopt(root, base + embed, embedSheet));
