// The element the interface lives in: an open shadow root on <div id="consentgate">, made by the
// core once the page has a body, as a child of <html> in the top layer. It holds the reopen button, and later whatever the interface
// renders.
import type { Language, ResolvedConfig } from '../types';
import css from './reopen.css?inline';
import { adopt } from './sheet';

/**
 * Adds the host to the page and returns its shadow root, with the reopen button (when the
 * config wants one) that calls `reopen` when clicked. `label` is its text.
 */
export const createHost = (config: ResolvedConfig, lang: Language, label: string, reopen: () => void): ShadowRoot => {
  const host = document.createElement('div');
  host.id = 'consentgate';
  host.lang = lang;
  host.dataset.nosnippet = '';
  host.dataset.theme = config.theme;
  const root = host.attachShadow({ mode: 'open' });
  adopt(root, css);
  if (config.reopenButton) {
    // After a decision: one small, always-visible way back to the choices, in the same place
    // on every page (EDPB cookie banner taskforce, type I; WCAG 3.2.3).
    const button = root.appendChild(document.createElement('button'));
    button.setAttribute('aria-haspopup', 'dialog');
    button.textContent = label;
    button.hidden = true;
    button.onclick = reopen;
  }
  // Out of the page's reach: a child of <html> (a page that hides or swaps <body> keeps it) and,
  // where popovers exist, in the top layer, drawn above the page and never inside a transformed,
  // filtered or clipped ancestor that would move or hide a fixed box. "manual": no light dismiss.
  host.popover = 'manual';
  document.documentElement.appendChild(host);
  // Into the top layer once the first frame is drawn. showPopover() brings the style of the
  // whole page up to date (the popover focusing steps): while the page still parses, that is
  // a forced style pass on the parser's path, which the first frame does anyway; after it,
  // only the host is new. Until then the host's own rules (all:initial!important) keep it
  // drawn, closed popover or not, where it will be. Not once destroy() removed it.
  requestAnimationFrame(() => setTimeout(() => host.isConnected && host.showPopover?.()));
  return root;
};
