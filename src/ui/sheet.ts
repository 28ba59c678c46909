// The stylesheets of the interface and of the embed placeholders: base.css followed by each one's
// own rules. Every shadow root of a kind adopts the same constructable sheet, parsed once
// (src/core/sheet.ts); each stage file carries only the sheet it uses.
import { adopt } from '../core/sheet';
import base from './base.css?inline';
import embed from './embed.css?inline';
import ui from './styles.css?inline';

let uiSheet: CSSStyleSheet | undefined;
let embedSheet: CSSStyleSheet | undefined;

/** The interface's sheet, in place of the core's (which styles only the reopen button). */
export const adoptStyles = (root: ShadowRoot): void => void (uiSheet = adopt(root, base + ui, uiSheet));

/** The sheet of an embed placeholder's shadow root. */
export const adoptEmbedStyles = (root: ShadowRoot): void => void (embedSheet = adopt(root, base + embed, embedSheet));
