// The first layer, its texts (escaped, never HTML), the shadow root and its styles, and the GPC notice.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeConfig, setup } from './helpers';

let current: ReturnType<typeof setup> | undefined;
const mount = (...args: Parameters<typeof setup>) => (current = setup(...args));
afterEach(() => {
  current?.ui._destroy();
  current = undefined;
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
});

describe('first layer', () => {
  it('is a named, non-modal region with three buttons, in English', () => {
    const { view } = mount();
    const banner = view.getByRole('region', { name: 'Cookie consent' });
    expect(banner.getAttribute('aria-modal')).toBeNull();
    expect(view.queryByRole('dialog')).toBeNull();
    const buttons = view.getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['Accept all', 'Reject all', 'Preferences']);
  });

  it('names the buttons and the region in Dutch', () => {
    const { view } = mount({ config: { language: 'nl' } });
    view.getByRole('region', { name: 'Cookietoestemming' });
    expect(view.getAllByRole('button').map((b) => b.textContent)).toEqual(['Alles accepteren', 'Alles weigeren', 'Voorkeuren']);
  });

  it('gives Accept all and Reject all the same element, type and classes', () => {
    const { view } = mount();
    const accept = view.getByRole('button', { name: 'Accept all' });
    const reject = view.getByRole('button', { name: 'Reject all' });
    expect(accept.tagName).toBe(reject.tagName);
    expect(accept.parentElement).toBe(reject.parentElement);
    const attributes = (el: HTMLElement) => [...el.attributes].map((a) => `${a.name}=${a.value}`);
    expect(attributes(accept)).toEqual(attributes(reject));
    expect(attributes(accept)).toEqual([]);
  });

  it('sends the intents and records nothing itself', () => {
    const { view, ctx } = mount();
    fireEvent.click(view.getByRole('button', { name: 'Reject all' }));
    expect(ctx.rejectAll).toHaveBeenCalledTimes(1);
    expect(ctx.acceptAll).not.toHaveBeenCalled();
    expect(document.cookie).toBe('');
  });

  it.each([
    ['Accept all', 'acceptAll'],
    ['Preferences', 'showPreferences'],
  ] as const)('"%s" calls %s', (name, intent) => {
    const { view, ctx } = mount();
    fireEvent.click(view.getByRole('button', { name }));
    expect(ctx[intent]).toHaveBeenCalledTimes(1);
  });

  it('names the controller, purposes, data, third-party sharing, withdrawal and links the privacy statement', () => {
    const { view } = mount();
    const text = view.getByRole('region', { name: 'Cookie consent' }).textContent!;
    expect(text).toContain('Infra VOIP');
    expect(text).toContain('Functional, Analytics, and Marketing');
    expect(text).not.toContain('Strictly necessary');
    for (const data of ['log-in data', 'device type', 'IP address', 'browser type', 'operating system', 'pages visited and items viewed', 'click behaviour'])
      expect(text).toContain(data);
    expect(text.match(/IP address/g)).toHaveLength(1);
    expect(text).toContain('shares data with third parties');
    expect(text).toContain('withdraw your choice at any time under “Cookie settings”');
    expect(view.getByRole('link', { name: 'Privacy statement' }).getAttribute('href')).toBe('/privacy');
  });

  it('says the same in Dutch, with no English left', () => {
    const { view } = mount({ config: { language: 'nl' } });
    const text = view.getByRole('region', { name: 'Cookietoestemming' }).textContent!;
    expect(text).toContain('Infra VOIP gebruikt cookies, met uw toestemming, voor');
    expect(text).toContain('Functioneel, Statistieken en Marketing');
    expect(text).toContain('IP-adres');
    expect(text).toContain('deelt gegevens met derde partijen');
    expect(text).toContain('Cookie-instellingen');
    expect(text).not.toMatch(/\b(the|and|your|cookies for)\b/);
    view.getByRole('link', { name: 'Privacyverklaring' });
  });

  it('leaves out the third-party sentence without a marketing category, and the link without a URL', () => {
    const { view } = mount({ config: { privacyPolicyUrl: '', controller: '', categories: makeConfig().categories.slice(0, 3) } });
    const text = view.getByRole('region').textContent!;
    expect(text).not.toContain('third parties');
    expect(text).toContain('This site uses cookies');
    expect(view.queryByRole('link')).toBeNull();
  });

  it('does not trap focus or make the page inert (no cookie wall)', () => {
    document.body.innerHTML = '<main><a href="#x">page link</a></main>';
    const link = document.querySelector('a')!;
    link.focus();
    mount();
    expect(document.activeElement).toBe(link);
    expect(document.querySelector('main')!.hasAttribute('inert')).toBe(false);
  });

  it('shows texts literally, never as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const { view, root } = mount({ config: { controller: evil, texts: { en: { acceptAll: evil } } } });
    expect(view.getByRole('region').textContent).toContain(evil);
    expect(view.getByRole('button', { name: evil })).toBeTruthy();
    expect(root.querySelector('img')).toBeNull();
  });

  // The UI judges links as a browser parses them: tabs and newlines dropped, leading controls stripped.
  it.each(['javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', ' data:text/html,x'])(
    'does not link the privacy URL %j',
    (privacyPolicyUrl) => {
      const { view } = mount({ config: { privacyPolicyUrl } });
      expect(view.queryByRole('link')).toBeNull();
    },
  );

  it.each(['bar', 'box'] as const)('uses the %s layout', (layout) => {
    const { view } = mount({ config: { layout } });
    expect(view.getByRole('region').classList).toContain(layout);
  });
});

describe('GPC', () => {
  it('shows a visible notice on the first layer when GPC keeps marketing off', () => {
    const { view } = mount({ gpc: true });
    expect(view.getByText(/Global Privacy Control/).textContent).toContain('marketing stays off unless you switch it on');
  });

  it('shows no notice without GPC', () => {
    const { view } = mount();
    expect(view.queryByText(/Global Privacy Control/)).toBeNull();
  });

  it('words the notice in Dutch', () => {
    const { view } = mount({ gpc: true, config: { language: 'nl' } });
    expect(view.getByText(/Global Privacy Control/).textContent).toContain('marketing blijft uit');
  });
});

describe('host and styles', () => {
  it('renders in an open shadow root on #consentgate with lang and data-nosnippet', () => {
    const { host, root } = mount({ config: { language: 'nl' } });
    // A child of <html>, outside <body>: a page that hides or replaces <body> keeps the interface.
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.lang).toBe('nl');
    expect(host.hasAttribute('data-nosnippet')).toBe(true);
    expect(host.getAttribute('data-theme')).toBe('auto');
    expect(root.mode).toBe('open');
    expect(document.body.querySelector('#consentgate button')).toBeNull(); // nothing leaks into the page
  });

  it('uses a <style> element inside the shadow root where adoptedStyleSheets is missing, and no style attributes', () => {
    const { root } = mount();
    expect(root.querySelectorAll('style')).toHaveLength(1);
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
  });

  it('adopts a constructable stylesheet where supported', () => {
    const replaceSync = vi.fn();
    class FakeSheet {
      replaceSync = replaceSync;
    }
    vi.stubGlobal('CSSStyleSheet', FakeSheet);
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', { configurable: true, writable: true, value: [] });
    try {
      const { root } = mount();
      // The core's small sheet (the host's reset, the reopen button), then the interface's after it.
      expect(root.adoptedStyleSheets).toHaveLength(2);
      expect(root.adoptedStyleSheets[0]).toBeInstanceOf(FakeSheet);
      expect(replaceSync).toHaveBeenCalledTimes(2);
      expect(root.adoptedStyleSheets).toEqual(replaceSync.mock.contexts);
      expect(root.querySelectorAll('style')).toHaveLength(0);
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
      vi.unstubAllGlobals();
    }
  });

  it('removes everything on destroy', () => {
    document.body.innerHTML = '<main></main>';
    const { ui } = mount();
    ui._destroy();
    current = undefined;
    expect(document.getElementById('consentgate')).toBeNull();
    expect(document.body.innerHTML).toBe('<main></main>');
  });
});
