// The preferences dialog (WAI-ARIA APG dialog pattern; CJEU C-673/17 Planet49) and the GPC notice inside it.
import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeConfig, makeRecord, nextFrame, setup } from './helpers';

let current: ReturnType<typeof setup> | undefined;
const mount = (...args: Parameters<typeof setup>) => (current = setup(...args));
afterEach(() => {
  current?.ui._destroy();
  current = undefined;
  document.body.innerHTML = '';
});

/** The page as a site has it: content, and a footer trigger the core listens to. */
const page = () => {
  document.body.innerHTML = '<main><a href="#top">Top</a></main><footer><button data-consentgate="preferences">Cookies</button></footer>';
};
const active = (root: ShadowRoot) => root.activeElement ?? document.activeElement;

const openFromBanner = (options: Parameters<typeof setup>[0] = {}) => {
  const m = mount(options);
  const opener = m.view.getByRole('button', { name: options.config?.language === 'nl' ? 'Voorkeuren' : 'Preferences' });
  opener.focus();
  fireEvent.click(opener);
  return { ...m, opener, dialog: m.view.getByRole('dialog') };
};

describe('preferences dialog', () => {
  it("adds its own style sheet after the interface's when it first opens, and only once", () => {
    // (What each sheet holds is checked in test/ui/styles.test.ts.)
    vi.stubGlobal('CSSStyleSheet', class {
      replaceSync() {}
    });
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', { configurable: true, writable: true, value: [] });
    try {
      const m = mount();
      const sheets = () => m.root.adoptedStyleSheets;
      // The core's sheet, then the interface's.
      expect(sheets()).toHaveLength(2);
      const [core, ui] = sheets();
      fireEvent.click(m.view.getByRole('button', { name: 'Preferences' }));
      expect(sheets()).toHaveLength(3);
      expect(sheets().slice(0, 2)).toEqual([core, ui]);
      expect(sheets()[2]).not.toBe(ui);
      expect(sheets()[2]).not.toBe(core);
      fireEvent.click(within(m.view.getByRole('dialog')).getByRole('button', { name: 'Close' }));
      fireEvent.click(m.view.getByRole('button', { name: 'Preferences' }));
      expect(m.view.getByRole('dialog', { name: 'Cookie preferences' })).toBeTruthy();
      expect(sheets()).toHaveLength(3);
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
      vi.unstubAllGlobals();
    }
  });

  it('is a modal dialog named "Cookie preferences" that takes focus and hides the banner', () => {
    page();
    const { view, dialog, root } = openFromBanner();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(view.getByRole('dialog', { name: 'Cookie preferences' })).toBe(dialog);
    expect(dialog.contains(active(root))).toBe(true);
    expect(view.queryByRole('region', { name: 'Cookie consent' })).toBeNull();
  });

  it('makes the page behind inert while open and gives it back on close', () => {
    page();
    document.querySelector('footer')!.setAttribute('inert', ''); // already inert: must stay so
    const { view, host } = openFromBanner();
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(true);
    expect(host.hasAttribute('inert')).toBe(false);
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(false);
    expect(document.querySelector('footer')!.hasAttribute('inert')).toBe(true);
  });

  it('is named in Dutch', () => {
    const { view } = openFromBanner({ config: { language: 'nl' } });
    view.getByRole('dialog', { name: 'Cookievoorkeuren' });
    for (const name of ['Sluiten', 'Alles accepteren', 'Alles weigeren', 'Keuze opslaan']) view.getByRole('button', { name });
  });

  it('shows each category as a switch named by its label; required ones on, disabled, "Always active"', () => {
    const { view } = openFromBanner();
    const switches = view.getAllByRole('switch');
    expect(switches).toHaveLength(4);
    const necessary = view.getByRole('switch', { name: 'Strictly necessary' });
    expect(necessary.getAttribute('aria-checked')).toBe('true');
    expect((necessary as HTMLButtonElement).disabled).toBe(true);
    expect(necessary.textContent).toBe('Always active');
    for (const name of ['Functional', 'Analytics', 'Marketing']) {
      const sw = view.getByRole('switch', { name });
      expect(sw.getAttribute('aria-checked')).toBe('false'); // no pre-ticked boxes (Planet49)
      expect(sw.textContent).toBe('Off');
    }
  });

  it('describes each switch by its category description', () => {
    const { view } = openFromBanner();
    const sw = view.getByRole('switch', { name: 'Analytics' });
    const description = view.getByText(/Count visits/);
    expect(sw.getAttribute('aria-describedby')).toBe(description.id);
  });

  it('toggles a switch, keeps the state in text, and saves exactly what is shown', () => {
    const { view, ctx } = openFromBanner();
    const analytics = view.getByRole('switch', { name: 'Analytics' });
    analytics.focus();
    fireEvent.click(analytics);
    expect(analytics.getAttribute('aria-checked')).toBe('true');
    expect(analytics.textContent).toBe('On');
    expect(active(current!.root)).toBe(analytics); // the same element: focus stays put
    fireEvent.click(view.getByRole('switch', { name: 'Strictly necessary' })); // disabled: no change
    fireEvent.click(view.getByRole('button', { name: 'Save choices' }));
    expect(ctx.save).toHaveBeenCalledWith({ necessary: true, preferences: false, analytics: true, marketing: false });
    expect(ctx.acceptAll).not.toHaveBeenCalled();
  });

  it('operates the switches from the keyboard: they are native buttons in the tab order', () => {
    const { view } = openFromBanner();
    const sw = view.getByRole('switch', { name: 'Marketing' });
    // Space and Enter activate a <button> natively; jsdom does not simulate that
    // step, so check the element that guarantees it (no form to submit in a shadow root).
    expect(sw.tagName).toBe('BUTTON');
    expect((sw as HTMLButtonElement).form).toBeNull();
    expect(sw.tabIndex).toBe(0);
  });

  it('Escape changes nothing, calls hide and returns focus to the opener', () => {
    page();
    const { view, ctx, opener, dialog, root } = openFromBanner();
    fireEvent.click(view.getByRole('switch', { name: 'Marketing' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(ctx.hide).toHaveBeenCalledTimes(1);
    expect(ctx.save).not.toHaveBeenCalled();
    expect(ctx.acceptAll).not.toHaveBeenCalled();
    expect(view.queryByRole('dialog')).toBeNull();
    view.getByRole('region', { name: 'Cookie consent' });
    expect(active(root)).toBe(opener);
    // Reopened, the switch shows the unchanged state again.
    fireEvent.click(opener);
    expect(view.getByRole('switch', { name: 'Marketing' }).getAttribute('aria-checked')).toBe('false');
  });

  it('"Close" changes nothing and returns focus to a trigger in the page', () => {
    page();
    const m = mount({ record: makeRecord(makeConfig(), { analytics: true }) });
    const trigger = document.querySelector<HTMLButtonElement>('[data-consentgate]')!;
    trigger.focus();
    m.ctx.showPreferences(); // what the core does for the trigger's click
    expect(m.root.activeElement).not.toBeNull();
    fireEvent.click(m.view.getByRole('button', { name: 'Close' }));
    expect(m.ctx.hide).toHaveBeenCalledTimes(1);
    expect(m.ctx.save).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(trigger);
  });

  it('keeps Tab and Shift+Tab inside the dialog', () => {
    const { view, dialog, root } = openFromBanner();
    const close = view.getByRole('button', { name: 'Close' });
    const save = view.getByRole('button', { name: 'Save choices' });
    save.focus();
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(active(root)).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(active(root)).toBe(save);
    // From the heading that first gets focus, Shift+Tab wraps to the end too.
    const heading = view.getByRole('heading', { name: 'Cookie preferences' });
    heading.focus();
    fireEvent.keyDown(heading, { key: 'Tab', shiftKey: true });
    expect(active(root)).toBe(save);
    // In the middle, Tab is left to the browser.
    const marketing = view.getByRole('switch', { name: 'Marketing' });
    marketing.focus();
    const notCancelled = fireEvent.keyDown(marketing, { key: 'Tab' });
    expect(notCancelled).toBe(true);
  });

  it('lists per category the description, data collected, cookies and vendors with links', () => {
    const { view } = openFromBanner();
    view.getByText(/Show and measure ads with partners/);
    expect(view.getAllByText(/^Data collected:/).map((p) => p.textContent)).toContain(
      'Data collected: device type, IP address, browser type, operating system, pages visited and items viewed, and click behaviour',
    );
    const table = view.getByRole('table');
    expect(view.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Name', 'Provider', 'Purpose', 'Expiry']);
    expect([...table.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['_ga', 'Google', 'Tells visits apart', '2 years']);
    expect(view.getByText('LinkedIn').closest('a')!.getAttribute('href')).toBe('https://www.linkedin.com/legal/privacy-policy');
  });

  it('shows cookie details in Dutch and a family of names by its pattern', () => {
    const config = makeConfig({ language: 'nl' });
    const analytics = { ...config.categories[2]!, cookies: [{ match: '^_ga_', provider: 'Google', purpose: { nl: 'Sessie' }, expires: '1 jaar' }] };
    const { view } = openFromBanner({ config: { language: 'nl', categories: [config.categories[0]!, analytics] } });
    expect(view.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Naam', 'Aanbieder', 'Doel', 'Bewaartermijn']);
    expect(view.getAllByRole('cell').map((c) => c.textContent)).toEqual(['^_ga_', 'Google', 'Sessie', '1 jaar']);
    view.getByText(/^Verzamelde gegevens: apparaattype, IP-adres/);
  });

  it('does not link a vendor whose URL could run script', () => {
    const config = makeConfig();
    const marketing = { ...config.categories[3]!, vendors: [{ name: 'Evil', url: 'javascript:alert(1)' }] };
    const { view } = openFromBanner({ config: { categories: [config.categories[0]!, marketing] } });
    expect(view.getByText('Evil').closest('a')).toBeNull();
  });

  it('shows the current decision and its switches when opened after a choice', () => {
    const config = makeConfig();
    const record = makeRecord(config, { analytics: true });
    const { view, ctx } = mount({ record });
    fireEvent.click(view.getByRole('button', { name: 'Cookie settings' }));
    expect(ctx.showPreferences).toHaveBeenCalled();
    expect(view.getByRole('switch', { name: 'Analytics' }).getAttribute('aria-checked')).toBe('true');
    expect(view.getByRole('switch', { name: 'Marketing' }).getAttribute('aria-checked')).toBe('false');
    const decision = view.getByText(/consent ID/);
    expect(decision.textContent).toContain(record.id);
    // In the visitor's time zone, written out the European way: "20 November 2026 at 11:00" (day and hour in the local time zone).
    expect(decision.textContent).toContain(new Date(record.timestamp).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' }));
    expect(decision.textContent).toMatch(/\b\d{1,2} November 2026 at \d{2}:\d{2}\b/);
  });

  it('shows a decision made elsewhere (another tab) while it is open, and focus stays where it was', () => {
    const { view, set, config, dialog } = openFromBanner();
    const analytics = view.getByRole('switch', { name: 'Analytics' });
    analytics.focus();
    const record = makeRecord(config, { analytics: true });
    set('preferences', record);
    expect(view.getByText(/consent ID/).textContent).toContain(record.id);
    expect(view.getByRole('dialog')).toBe(dialog);
    expect(active(current!.root)).toBe(analytics);
  });

  it('shows no decision line before a decision', () => {
    const { view } = openFromBanner();
    expect(view.queryByText(/consent ID/)).toBeNull();
  });

  it('"Accept all" and "Reject all" in the dialog send their intents', () => {
    const a = openFromBanner();
    fireEvent.click(a.view.getByRole('button', { name: 'Accept all' }));
    expect(a.ctx.acceptAll).toHaveBeenCalledTimes(1);
    a.ui._destroy();
    const b = openFromBanner();
    fireEvent.click(b.view.getByRole('button', { name: 'Reject all' }));
    expect(b.ctx.rejectAll).toHaveBeenCalledTimes(1);
  });
});

describe('status message', () => {
  it('announces a saved choice in a role="status" region that exists before the message', async () => {
    const { view, root } = openFromBanner();
    const status = view.getByRole('status');
    expect(status.textContent).toBe('');
    fireEvent.click(view.getByRole('button', { name: 'Save choices' }));
    expect(view.getByRole('status')).toBe(status);
    expect(status.textContent).toBe('Your choices have been saved.');
    expect(view.queryByRole('dialog')).toBeNull();
    // Focus is not lost to <body>: it lands on the reopen button (in the next frame).
    await nextFrame();
    expect(active(root)).toBe(view.getByRole('button', { name: 'Cookie settings' }));
  });

  it('announces in Dutch and clears when a view opens again', () => {
    const { view } = openFromBanner({ config: { language: 'nl' } });
    fireEvent.click(view.getByRole('button', { name: 'Keuze opslaan' }));
    expect(view.getByRole('status').textContent).toBe('Uw keuze is opgeslagen.');
    fireEvent.click(view.getByRole('button', { name: 'Cookie-instellingen' }));
    expect(view.getByRole('status').textContent).toBe('');
  });

  it('announces a choice made on the first layer too', () => {
    const { view } = mount();
    fireEvent.click(view.getByRole('button', { name: 'Reject all' }));
    expect(view.getByRole('status').textContent).toBe('Your choices have been saved.');
  });
});

describe('GPC in the dialog', () => {
  it('shows the notice and leaves marketing off', () => {
    const { view, dialog } = openFromBanner({ gpc: true });
    expect(within(dialog).getByText(/Global Privacy Control/).textContent).toContain('marketing stays off unless you switch it on');
    expect(view.getByRole('switch', { name: 'Marketing' }).getAttribute('aria-checked')).toBe('false');
  });

  it('lets the visitor switch marketing on explicitly', () => {
    const { view, ctx } = openFromBanner({ gpc: true });
    fireEvent.click(view.getByRole('switch', { name: 'Marketing' }));
    fireEvent.click(view.getByRole('button', { name: 'Save choices' }));
    expect(ctx.save).toHaveBeenCalledWith(expect.objectContaining({ marketing: true }));
  });
});
