// What the two layers say and offer, in a real browser: the controller, purposes, data, third
// parties and how to withdraw on the first layer (GDPR art. 13, art. 7(3); EDPB 05/2020), equal
// Accept and Reject (EDPB cookie banner taskforce), and the reopen button.
import { describe, expect, it } from 'vitest';
import { CONFIG, TEXT, banner, button, dialog, reopenButton, settled, switchFor, useHarness, waitForRan, type Lang } from './harness';

const h = useHarness();

const FIRST_LAYER: Record<Lang, RegExp[]> = {
  en: [/Example Telecom B\.V\./, /Analytics/, /Marketing/, /IP address/i, /third parties/i, /Cookie settings/],
  nl: [/Example Telecom B\.V\./, /Statistieken/, /Marketing/, /IP-adres/i, /derde partijen/i, /Cookie-instellingen/],
};

describe('the first layer', () => {
  for (const lang of ['en', 'nl'] as const) {
    it(`names the controller, purposes, data, third parties and how to withdraw, and links the privacy statement (${lang})`, async () => {
      const s = await h.session();
      const page = await s.open({ lang });
      const first = banner(page, lang);
      await first.waitFor();
      const text = (await first.textContent()) ?? '';
      for (const pattern of FIRST_LAYER[lang]) expect(text).toMatch(pattern);
      const link = first.getByRole('link').filter({ has: page.locator(`xpath=self::*[@href="${CONFIG.privacyPolicyUrl}"]`) });
      expect(await link.count()).toBe(1);
      const response = await page.request.get(new URL(CONFIG.privacyPolicyUrl, h.server.origin).href);
      expect(response.status()).toBe(200);
    });
  }

  it('uses neutral wording, no steering (Dutch AP, rule 3)', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const s = await h.session();
      const page = await s.open({ lang });
      await banner(page, lang).waitFor();
      const text = ((await banner(page, lang).textContent()) ?? '').toLowerCase();
      for (const steer of ['optimal', 'best experience', 'worse', 'we value your privacy', 'optima', 'beste ervaring', 'slechter']) {
        expect(text, steer).not.toContain(steer);
      }
    }
  });

  it('offers Accept, Reject and Preferences as buttons on one layer, and no close button or reject link', async () => {
    const s = await h.session();
    const page = await s.open();
    const first = banner(page);
    await first.waitFor();
    const names = await first.getByRole('button').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(expect.arrayContaining(['Accept all', 'Reject all', 'Preferences']));
    expect(names.filter((n) => /close|×|✕|dismiss|continue/i.test(n))).toEqual([]);
    expect(await first.getByRole('button', { name: /close|dismiss/i }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /reject|refuse|weiger/i }).count()).toBe(0);
  });
});

describe('the preferences dialog', () => {
  it('is a modal dialog; optional switches start off; necessary is on, disabled and "Always active"', async () => {
    const s = await h.session();
    const page = await s.open();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    expect(await prefs.getAttribute('aria-modal')).toBe('true');
    expect(await switchFor(prefs, 'Necessary').getAttribute('aria-checked')).toBe('true');
    expect(await prefs.textContent()).toContain('Always active');
    for (const label of ['Preferences', 'Analytics', 'Marketing']) {
      expect(await switchFor(prefs, label).getAttribute('aria-checked')).toBe('false');
    }
    for (const name of ['Accept all', 'Reject all', 'Save choices', 'Close']) expect(await button(prefs, name).count(), name).toBe(1);
  });

  it('lists data collected, every cookie (name, provider, purpose, expiry) and vendors with links', async () => {
    const s = await h.session();
    const page = await s.open();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    // Details may sit behind disclosures (<details> or aria-expanded buttons): open every collapsed one.
    const toggles = prefs.locator('details:not([open]) > summary, [aria-expanded="false"]');
    for (let i = 0; i < 20 && (await toggles.count()) > 0; i++) await toggles.first().click();
    expect(await toggles.count()).toBe(0);
    const text = (await prefs.textContent()) ?? '';
    for (const category of Object.values(CONFIG.categories)) {
      for (const cookie of (category as { cookies?: Array<{ name?: string; provider?: string; purpose?: string; expires?: string }> }).cookies ?? []) {
        if (cookie.name) expect(text).toContain(cookie.name);
        for (const field of [cookie.provider, cookie.purpose, cookie.expires]) if (field) expect(text).toContain(field);
      }
    }
    expect(text).toMatch(/IP address/i);
    expect(text).toMatch(/click behaviour/i);
    const vendor = prefs.getByRole('link', { name: /Meta Platforms/ });
    expect(await vendor.getAttribute('href')).toBe('https://www.facebook.com/privacy/policy/');
  });

  it('shows the current decision\'s id and date once there is one', async () => {
    const s = await h.session();
    const page = await s.open();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    const record = await page.evaluate(() => (window as unknown as { ConsentGate: { get(): { id: string; timestamp: string } } }).ConsentGate.get());
    await reopenButton(page).click();
    const text = (await dialog(page).textContent()) ?? '';
    expect(text).toContain(record.id);
    const year = record.timestamp.slice(0, 4);
    expect(text).toContain(year);
  });
});

describe('texts are text', () => {
  it('markup in config strings is shown literally and never runs', async () => {
    const s = await h.session();
    const payload = '<img src="/img/xss.svg" onerror="window.__xss=1" onload="window.__xss=1">';
    const page = await s.open({
      config: {
        ...CONFIG,
        controller: `Evil <b>Corp</b> ${payload}`,
        categories: { ...CONFIG.categories, analytics: { ...CONFIG.categories.analytics, description: payload } },
      },
    });
    const first = banner(page);
    await first.waitFor();
    expect(await first.textContent()).toContain('Evil <b>Corp</b>');
    await button(first, 'Preferences').click();
    await dialog(page).waitFor();
    await settled(page);
    expect(await page.locator('#consentgate').evaluate((host) => host.shadowRoot!.querySelectorAll('img, b').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(h.server.paths()).not.toContain('/img/xss.svg');
  });
});

describe('the reopen button', () => {
  it('appears after a decision with the same label in each language and is a real target', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const s = await h.session();
      const page = await s.open({ lang });
      await button(banner(page, lang), TEXT[lang].reject).click();
      const reopen = reopenButton(page, lang);
      await reopen.waitFor();
      const box = (await reopen.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
      await reopen.click();
      await dialog(page, lang).waitFor();
    }
  });

  it('is not shown with reopenButton: false (the page keeps its own trigger)', async () => {
    const s = await h.session();
    const page = await s.open({ config: { ...CONFIG, reopenButton: false } });
    await button(banner(page), 'Reject all').click();
    await banner(page).waitFor({ state: 'hidden' });
    await settled(page);
    expect(await reopenButton(page).count()).toBe(0);
    await page.locator('#footer-settings').click();
    await dialog(page).waitFor();
  });
});

describe('motion and IAB TCF', () => {
  it('moves nothing under prefers-reduced-motion', async () => {
    const s = await h.session({ reducedMotion: 'reduce' });
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    await dialog(page).waitFor();
    const moving = await page.locator('#consentgate').evaluate((host) =>
      Array.from(host.shadowRoot!.querySelectorAll('*'))
        .map((el) => {
          const cs = getComputedStyle(el);
          const seconds = (v: string) => Math.max(...v.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
          return { el: el.tagName, animated: cs.animationName !== 'none' && seconds(cs.animationDuration) > 0.01, transition: seconds(cs.transitionDuration) > 0.01 };
        })
        .filter((x) => x.animated || x.transition),
    );
    expect(moving).toEqual([]);
  });

  it('does not pretend to be a TCF CMP', async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    expect(await page.evaluate(() => [typeof (window as unknown as { __tcfapi?: unknown }).__tcfapi, !!document.querySelector('iframe[name="__tcfapiLocator"]')])).toEqual(['undefined', false]);
  });
});
