// Focus helpers for the modal dialog (WAI-ARIA APG dialog pattern): keep Tab and
// Shift+Tab inside, make the page behind inert, and know what had focus before.

/** The focused element, looking through open shadow roots (ours included). */
export const deepActiveElement = (): HTMLElement | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
};

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last. The
 * dialog starts and ends with a button that is never disabled (Close, Save choices), so those
 * are the ends; Shift+Tab from what is focused but not in the tab order (the heading the
 * dialog opens on) also goes to the last. Every other move is the browser's own.
 */
export const trapTab = (event: KeyboardEvent): void => {
  const buttons = (event.currentTarget as HTMLElement).querySelectorAll('button');
  const first = buttons[0]!;
  const last = buttons[buttons.length - 1]!;
  const target = event.target as HTMLElement;
  if (event.key == 'Tab' && (event.shiftKey ? target == first || target.tabIndex < 0 : target == last)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
};

/**
 * Makes everything but the dialog's host inert while the dialog is open: every sibling of the
 * host and of each of its ancestors (so <body> itself when the host is a child of <html>), but
 * never <head>. The host is outside the page's content, so the page can be shut off as a whole.
 * Returns the function that undoes exactly what it did.
 */
export const inertPage = (host: HTMLElement): (() => void) => {
  const changed: Element[] = [];
  for (let el: Element = host; el.parentElement; el = el.parentElement)
    for (const sibling of el.parentElement.children) if (sibling != el && sibling != document.head && !sibling.hasAttribute('inert')) changed.push(sibling);
  for (const el of changed) el.setAttribute('inert', '');
  return () => {
    for (const el of changed) el.removeAttribute('inert');
  };
};
