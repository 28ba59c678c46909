// The element the interface lives in: an open shadow root on <div id="consentgate">, made by the
// core once the page has a body, as a child of <html> in the top layer. It holds the reopen button, and later whatever the interface
// renders.
import type { Language, ResolvedConfig } from '../types';
import css from './reopen.css?inline';
import { listen } from './listen';
import { adopt } from './sheet';

/**
 * Adds the host to the page and returns its shadow root, with the reopen button (when the
 * config wants one) that calls `reopen` when clicked. `label` is its text; the listener it adds
 * to the document is removed by `stop`.
 */
export const createHost = (config: ResolvedConfig, lang: Language, label: string, reopen: () => void, stop: Array<() => void>): ShadowRoot => {
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
    // WCAG 2.4.11: a page element that takes focus is never hidden behind the button. When the
    // button covers its centre (a footer link in the same corner), the button moves to the other
    // bottom corner and stays there: it remains visible and next in line, the page does not
    // scroll, and a large element it only partly covers (a <main> focused by a skip link) does
    // not make it move.
    // Only while the button shows: measuring the focused element forces a layout.
    listen(stop, document, 'focusin', ({ target }) => {
      if (button.hidden || target == host) return;
      const a = (target as Element).getBoundingClientRect();
      if (document.elementFromPoint?.(a.x + a.width / 2, a.y + a.height / 2) == host) button.toggleAttribute('data-end');
    });
  }
  // Out of the page's reach: a child of <html> (a page that hides or swaps <body> keeps it) and,
  // where popovers exist, in the top layer, drawn above the page and never inside a transformed,
  // filtered or clipped ancestor that would move or hide a fixed box. "manual": no light dismiss.
  host.popover = 'manual';
  document.documentElement.appendChild(host);
  // Into the top layer at once, before the first frame. showPopover() brings the page's style
  // up to date (the popover focusing steps): a style pass the first frame needs anyway. Entering
  // the top layer after the first frame instead costs a second frame's style, layout and paint
  // of the page: more main-thread time in all (a returning visit, without DevTools attached:
  // about 0.7 ms less layout, paint and style at 1x, 0.5 ms more script).
  host.showPopover?.();
  return root;
};
