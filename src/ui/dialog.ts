// Focus helpers for the modal dialog (WAI-ARIA APG dialog pattern): keep Tab and
// Shift+Tab inside, make the page behind inert, and know what had focus before.

const FOCUSABLE = 'a[href],button:not([disabled]),summary,[tabindex="0"]';

/** The focused element, looking through open shadow roots (ours included). */
export const deepActiveElement = (): HTMLElement | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
};

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
export const trapTab = (event: KeyboardEvent): void => {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  // Controls inside a closed <details> (other than its summary) cannot take focus.
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('details:not([open])>:not(summary)'));
  const first = items[0];
  const last = items[items.length - 1];
  const active = deepActiveElement();
  const inside = !!active && items.includes(active);
  if (event.shiftKey ? !inside || active === first : !inside || active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
};

/**
 * Makes every other child of <body> inert while the dialog is open: the dialog's
 * host is outside the page's content, so the page can be shut off as a whole.
 * Returns the function that undoes exactly what it did.
 */
export const inertPage = (host: HTMLElement): (() => void) => {
  const changed = [...document.body.children].filter((el) => el !== host && !el.hasAttribute('inert'));
  for (const el of changed) el.setAttribute('inert', '');
  return () => {
    for (const el of changed) el.removeAttribute('inert');
  };
};
