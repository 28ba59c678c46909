// Elements added later, cross-tab, a strict CSP page with a nonce (CSP Level 3).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { banner, button, cookieNames, cspViolations, dialog, ran, reopenButton, settled, switchFor, useHarness, waitForRan } from './harness';

const h = useHarness();

/** Append gated elements the way a tag manager or a single-page app would, after load. */
const addLater = (page: Page, name: string, category = 'analytics') =>
  page.evaluate(
    ([name, category]) => {
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.dataset.category = category;
      script.textContent = `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)})`;
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.dataset.category = category;
      img.dataset.src = `/img/${name}.svg`;
      img.id = `img-${name}`;
      img.alt = '';
      document.body.appendChild(img);
    },
    [name, category] as const,
  );

describe('elements added later', () => {
  it('are held before a decision and released by it', async () => {
    const s = await h.session();
    const page = await s.open({ body: '<main><h1>Later</h1></main>' });
    await banner(page).waitFor();
    await addLater(page, 'late-before');
    await settled(page);
    expect(await ran(page)).toEqual([]);
    expect(await page.locator('#img-late-before').getAttribute('src')).toBeNull();
    expect(h.server.paths()).not.toContain('/img/late-before.svg');
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 1)).toEqual(['late-before']);
    expect(await page.locator('#img-late-before').getAttribute('src')).toBe('/img/late-before.svg');
  });

  it('run at once when their category is already granted, and stay inert when it is not', async () => {
    const s = await h.session();
    const page = await s.open({ body: '<main><h1>Later</h1></main>' });
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    await switchFor(dialog(page), 'Analytics').click();
    await button(dialog(page), 'Save choices').click();
    await dialog(page).waitFor({ state: 'hidden' });
    await addLater(page, 'late-analytics', 'analytics');
    await addLater(page, 'late-marketing', 'marketing');
    expect(await waitForRan(page, 1)).toEqual(['late-analytics']);
    await settled(page);
    expect(await ran(page)).toEqual(['late-analytics']);
    expect(await page.locator('#img-late-marketing').getAttribute('src')).toBeNull();
  });
});

describe('cross-tab', () => {
  it('a decision in one tab hides the banner in the other and runs its gated code without a reload', async () => {
    const s = await h.session();
    const a = await s.open();
    const b = await s.open();
    await banner(a).waitFor();
    await banner(b).waitFor();
    await button(banner(a), 'Accept all').click();
    await banner(b).waitFor({ state: 'hidden' });
    expect(await waitForRan(b, 4)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
    // No reload happened in tab B: it is the same document.
    expect(await b.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await b.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('navigate');
  });

  it('a withdrawal in one tab reaches the other', async () => {
    const s = await h.session();
    const a = await s.open();
    await banner(a).waitFor();
    await button(banner(a), 'Accept all').click();
    await waitForRan(a, 4);
    const b = await s.open();
    await waitForRan(b, 4);
    await reopenButton(a).click();
    await button(dialog(a), 'Reject all').click();
    await b.waitForFunction(() => (window as unknown as { ConsentGate: { has(c: string): boolean } }).ConsentGate.has('analytics') === false);
    expect(await cookieNames(s.context)).toEqual(['consentgate']);
  });
});

const NONCE = 'r4nd0m-n0nce-value';
const STRICT_CSP = [
  "default-src 'self'",
  `script-src 'self' 'nonce-${NONCE}'`,
  "style-src 'self'",
  "img-src 'self'",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const CSP_BODY = `
<main><h1>Strict CSP</h1><p>No 'unsafe-inline' for scripts or styles.</p></main>
<script type="text/plain" data-category="analytics" nonce="${NONCE}">(window.__ran=window.__ran||[]).push('inline-with-nonce')</script>
<script type="text/plain" data-category="analytics" nonce="${NONCE}" src="/js/csp-external.js"></script>
<img data-category="marketing" data-src="/img/csp-pixel.svg" alt="" id="pixel">
<footer><button type="button" id="footer-settings" data-consentgate="preferences">Cookie settings</button></footer>`;

describe('strict Content-Security-Policy with a nonce', () => {
  it('renders, styles and gates without a single violation', async () => {
    const s = await h.session();
    const page = await s.open({ body: CSP_BODY, nonce: NONCE, headers: { 'Content-Security-Policy': STRICT_CSP } });
    await banner(page).waitFor();
    // The banner's styles apply (constructable stylesheet, no inline style element needed).
    const position = await page.locator('#consentgate').evaluate((host) => {
      const root = host.shadowRoot;
      const el = root?.querySelector('[aria-labelledby], [aria-label]');
      return el ? getComputedStyle(el).position : null;
    });
    expect(position).toBe('fixed');
    await button(banner(page), 'Preferences').click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Accept all').click();
    // The re-created inline script carries the nonce (read from the property) and runs.
    expect(await waitForRan(page, 2)).toEqual(['inline-with-nonce', 'csp-external']);
    await page.waitForFunction(() => document.querySelector('#pixel')?.getAttribute('src'));
    await reopenButton(page).waitFor();
    await settled(page);
    expect(await cspViolations(page)).toEqual([]);
    expect(s.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });

  it('the stored decision applies on the next page under the same policy', async () => {
    const s = await h.session();
    const first = await s.open({ body: CSP_BODY, nonce: NONCE, headers: { 'Content-Security-Policy': STRICT_CSP } });
    await banner(first).waitFor();
    await button(banner(first), 'Accept all').click();
    await waitForRan(first, 2);
    const next = await s.open({ body: CSP_BODY, nonce: NONCE, headers: { 'Content-Security-Policy': STRICT_CSP } });
    expect(await waitForRan(next, 2)).toEqual(['inline-with-nonce', 'csp-external']);
    await settled(next);
    expect(await cspViolations(next)).toEqual([]);
  });
});
