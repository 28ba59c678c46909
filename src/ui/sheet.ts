// The one stylesheet of the interface and the embed placeholders: every shadow root adopts the
// same constructable sheet, parsed once (src/core/sheet.ts).
import { adopt } from '../core/sheet';
import css from './styles.css?inline';

let sheet: CSSStyleSheet | undefined;

export const adoptStyles = (root: ShadowRoot): void => void (sheet = adopt(root, css, sheet));
