// Hostile and legacy markup against the built drop-in: a released script that calls
// document.write, script gadgets under a nonce-based policy with 'strict-dynamic', Trusted
// Types, a polluted Object.prototype, and script URLs in data-src / data-srcset.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { banner, button, cspViolations, ran, settled, useHarness, waitForRan, type PageSpec } from './harness';

const h = useHarness();
const run = (name: string) => `(window.__ran=window.__ran||[]).push('${name}')`;
const CONFIG = { categories: { necessary: {}, analytics: {}, marketing: {} } };

/** console.warn texts of every page in the context. */
function warnings(context: BrowserContext): string[] {
  const list: string[] = [];
  context.on('console', (m) => {
    if (m.type() === 'warning') list.push(m.text());
  });
  return list;
}

const consent = (page: Page) =>
  page.evaluate(() => {
    const gate = (window as unknown as { ConsentGate: { get(): { categories: Record<string, boolean> } | null; has(c: string): boolean } }).ConsentGate;
    return { record: gate.get()?.categories ?? null, analytics: gate.has('analytics') };
  });

const cookieValue = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'consentgate')?.value;

describe('document.write in a released script', () => {
  const BODY = `<main><h1>Page</h1><p id="before">before</p></main>
<script type="text/plain" data-category="marketing">document.write('<p id="ad">ad</p>');${run('inline-writer')}</script>
<script type="text/plain" data-category="marketing">document.open();document.writeln('<p id="ad">ad</p>');document.close();${run('opener')}</script>
<script type="text/plain" data-category="marketing" src="/js/writer.js"></script>
<script type="text/plain" data-category="marketing">${run('after')}</script>
<p id="after">after</p>`;
  const spec: PageSpec = { config: CONFIG, body: BODY };

  async function session() {
    const s = await h.session();
    const warned = warnings(s.context);
    // An old ad tag: external, and it writes its markup with document.write.
    await s.context.route('**/js/writer.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: `document.write('<p id="ext-ad">ad</p>');${run('external-writer')}` }),
    );
    return { s, warned };
  }

  const intact = async (page: Page) => {
    expect(await page.getByRole('heading', { name: 'Page' }).isVisible()).toBe(true);
    expect(await page.locator('#before').textContent()).toBe('before');
    expect(await page.locator('#after').textContent()).toBe('after');
    expect(await page.locator('#ad, #ext-ad').count()).toBe(0);
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
  };

  it('after a click: the page stays, the script runs, its write is dropped with a warning', async () => {
    const { s, warned } = await session();
    const page = await s.open(spec);
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 4)).toEqual(['inline-writer', 'opener', 'external-writer', 'after']);
    await intact(page);
    expect(warned.some((w) => /consentgate: document\.write\(\) dropped/.test(w))).toBe(true);
    expect(s.pageErrors).toEqual([]);
  });

  it('for a returning visitor, during load: the document finishes loading with all its content', async () => {
    const { s, warned } = await session();
    const first = await s.open(spec);
    await button(banner(first), 'Accept all').click();
    await waitForRan(first, 4);
    // goto() waits for the load event: a document that never finishes loading fails here.
    const page = await s.open(spec);
    expect(await waitForRan(page, 4)).toEqual(['inline-writer', 'opener', 'external-writer', 'after']);
    await intact(page);
    expect(warned.filter((w) => /consentgate: document\.write\(\) dropped/.test(w)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('nonce-based policy with strict-dynamic', () => {
  const N = 'c0nsentgate-n0nce';
  const CSP = `script-src 'nonce-${N}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`;
  // Markup from the site (with the nonce) and markup injected into it (a comment, a CMS field: no nonce).
  const BODY = `<main><h1>Strict CSP</h1></main>
<script type="text/plain" data-category="analytics" nonce="${N}">${run('own-analytics')}</script>
<script type="text/plain" data-category="analytics" nonce="${N}" src="/js/own-external.js"></script>
<script type="text/plain" data-category="!marketing" nonce="${N}">${run('own-fallback')}</script>
<div class="comment">
  <script>${run('plain-injected')}</script>
  <script type="text/plain" data-category="necessary">${run('injected-necessary')}</script>
  <script type="text/plain" data-category="analytics" src="/js/injected-src.js"></script>
  <script type="text/plain" data-category="!marketing">${run('injected-fallback')}</script>
  <script type="text/plain" data-category="necessary" nonce="guessed">${run('injected-wrong-nonce')}</script>
  <iframe data-category="analytics" data-src="/frame/injected-frame.html" id="frame"></iframe>
</div>
<p id="end">end</p>`;
  const spec: PageSpec = { config: CONFIG, body: BODY, nonce: N, headers: { 'Content-Security-Policy': CSP } };

  it('"Reject all" runs only the site\'s own fallback; injected scripts stay inert', async () => {
    const s = await h.session();
    const warned = warnings(s.context);
    const page = await s.open(spec);
    await button(banner(page), 'Reject all').click();
    expect(await waitForRan(page, 1)).toEqual(['own-fallback']);
    await settled(page);
    await page.waitForTimeout(200);
    expect(await ran(page)).toEqual(['own-fallback']);
    expect(h.server.paths().filter((p) => p.startsWith('/js/injected-src.js'))).toEqual([]);
    expect(warned.filter((w) => /consentgate: no nonce, not run/.test(w)).length).toBe(3);
  });

  it('"Accept all" and the next page run the site\'s scripts, never the injected ones', async () => {
    const s = await h.session();
    const page = await s.open(spec);
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 2)).toEqual(['own-analytics', 'own-external']);
    const next = await s.open(spec);
    expect(await waitForRan(next, 2)).toEqual(['own-analytics', 'own-external']);
    for (const p of [page, next]) {
      await settled(p);
      await p.waitForTimeout(200);
      expect(await ran(p)).toEqual(['own-analytics', 'own-external']);
    }
    expect(h.server.paths().filter((p) => p.startsWith('/js/injected-src.js'))).toEqual([]);
    // An iframe is no script: the policy's frame-src judges it as it judges a plain injected iframe.
    expect(await next.locator('#frame').getAttribute('src')).toBe('/frame/injected-frame.html');
  });
});

describe('Trusted Types', () => {
  const BODY = `<main><h1>Trusted Types</h1></main>
<script type="text/plain" data-category="analytics">${run('inline-1')}</script>
<script type="text/plain" data-category="analytics" =broken>${run('unreleasable')}</script>
<script type="text/plain" data-category="analytics" src="/js/tt-external.js"></script>
<script type="text/plain" data-category="analytics" onload="${run('onload')}" src="/js/tt-external-2.js"></script>
<script type="text/plain" data-category="analytics">${run('inline-2')}</script>
<img data-category="analytics" data-src="/img/tt-pixel.svg" alt="" id="pixel">`;
  const RUNS = ['inline-1', 'tt-external', 'tt-external-2', 'onload', 'inline-2'];

  for (const csp of ["require-trusted-types-for 'script'", "require-trusted-types-for 'script'; trusted-types consentgate"]) {
    it(`${csp}: "Accept all" releases every script through the consentgate policy; one that fails stops nothing`, async () => {
      const s = await h.session();
      const page = await s.open({ config: CONFIG, body: BODY, headers: { 'Content-Security-Policy': csp } });
      await button(banner(page), 'Accept all').click();
      expect(await waitForRan(page, RUNS.length)).toEqual(RUNS);
      await page.waitForFunction(() => document.querySelector('#pixel')?.getAttribute('src') === '/img/tt-pixel.svg');
      await settled(page);
      expect(s.pageErrors).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      // The one element the browser cannot re-create is reported, not thrown.
      expect(s.consoleErrors.filter((e) => /consentgate: not released/.test(e)).length).toBe(1);
    });
  }

  it('with a nonce and strict-dynamic as well, on the next page too', async () => {
    const N = 'tt-n0nce';
    const csp = `script-src 'nonce-${N}' 'strict-dynamic'; require-trusted-types-for 'script'; trusted-types consentgate`;
    const body = `<script type="text/plain" data-category="analytics" nonce="${N}">${run('inline')}</script>
<script type="text/plain" data-category="analytics" nonce="${N}" src="/js/tt-nonce.js"></script>
<script type="text/plain" data-category="analytics">${run('injected')}</script>`;
    const s = await h.session();
    const spec: PageSpec = { config: CONFIG, body, nonce: N, headers: { 'Content-Security-Policy': csp } };
    const page = await s.open(spec);
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 2)).toEqual(['inline', 'tt-nonce']);
    const next = await s.open(spec);
    expect(await waitForRan(next, 2)).toEqual(['inline', 'tt-nonce']);
    await settled(next);
    expect(await ran(next)).toEqual(['inline', 'tt-nonce']);
    expect(s.pageErrors).toEqual([]);
  });

  it('a policy name the page refuses: nothing runs, nothing throws, and the image after the scripts still loads', async () => {
    const s = await h.session();
    const page = await s.open({ config: CONFIG, body: BODY, headers: { 'Content-Security-Policy': "require-trusted-types-for 'script'; trusted-types other" } });
    // The interface is a script file too: the page refuses it as well, says so once, and the API decides.
    await expect.poll(() => s.consoleErrors.filter((e) => /consentgate: could not load .*consentgate-ui-en\./.test(e)).length).toBe(1);
    await page.evaluate(() => window.ConsentGate.acceptAll());
    await page.waitForFunction(() => document.querySelector('#pixel')?.getAttribute('src') === '/img/tt-pixel.svg');
    await settled(page);
    expect(await ran(page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.consoleErrors.filter((e) => /consentgate: not released/.test(e)).length).toBe(5);
    // The page and the API keep working after the failures.
    expect((await consent(page)).analytics).toBe(true);
  });
});

describe('a polluted Object.prototype', () => {
  const BODY = `<main><h1>Pollution</h1><a href="#" data-consentgate="pwn" id="trigger">Read more</a></main>
<script type="text/plain" data-category="analytics">${run('analytics')}</script>
<script type="text/plain" data-category="!stats">${run('not-stats')}</script>`;

  it('after start: "Reject all" records every category refused, and the next page agrees', async () => {
    const s = await h.session();
    const page = await s.open({ config: CONFIG, body: BODY });
    await banner(page).waitFor();
    await page.evaluate(() => {
      const proto = Object.prototype as unknown as Record<string, unknown>;
      proto.analytics = true;
      proto.marketing = true;
      proto.stats = false;
      // What js-cookie's set() would copy into the cookie's attributes.
      proto.domain = 'elsewhere.example';
      proto.path = '/nowhere';
      proto.expires = 1;
    });
    await button(banner(page), 'Reject all').click();
    await settled(page);
    await page.waitForTimeout(100);
    expect(await consent(page)).toEqual({ record: { necessary: true, analytics: false, marketing: false }, analytics: false });
    expect(await ran(page)).toEqual([]);
    expect(await cookieValue(s.context)).toMatch(/\|necessary:1\+analytics:0\+marketing:0$/);
    const next = await s.open({ config: CONFIG, body: BODY });
    await settled(next);
    expect(await consent(next)).toEqual({ record: { necessary: true, analytics: false, marketing: false }, analytics: false });
  });

  it('before start: no config key, cookie value or trigger comes from the prototype', async () => {
    const s = await h.session();
    const forged = 'cg1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|' + Date.now() + '|1|a|0|necessary:1+analytics:1+marketing:1';
    await s.context.addInitScript((value) => {
      const proto = Object.prototype as unknown as Record<string, unknown>;
      proto.logEndpoint = '/consent';
      proto.consentgate = value; // what js-cookie's get() would return for a missing cookie
      proto.pwn = 'acceptAll'; // a trigger name
      proto.reopenButton = false;
    }, forged);
    const page = await s.open({ config: CONFIG, body: BODY });
    await banner(page).waitFor();
    expect((await consent(page)).record).toBeNull();
    await page.locator('#trigger').click();
    await settled(page);
    expect((await consent(page)).record).toBeNull();
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 1)).toEqual(['analytics']);
    await page.getByRole('button', { name: 'Cookie settings' }).waitFor();
    await page.waitForTimeout(200);
    expect(h.server.log.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('script URLs in data-src and data-srcset', () => {
  const XSS = `parent.__ran.push('xss')`;
  const variants = [
    `javascript:${XSS}`,
    `JaVaScRiPt:${XSS}`,
    ` javascript:${XSS}`,
    `java&#9;script:${XSS}`,
    `&#9;javascript:${XSS}`,
    `java&#10;script:${XSS}`,
    `javascript&#13;:${XSS}`,
    `&#1;javascript:${XSS}`,
    `vbscript:msgbox(1)`,
    `data:text/html,<script>${XSS}</script>`,
  ];
  const BODY = `<main><h1>Frames</h1>
${variants.map((v, i) => `<iframe data-category="marketing" data-src="${v.replace(/"/g, '&quot;')}" title="bad ${i}" class="bad"></iframe>`).join('\n')}
<img data-category="marketing" alt="" class="bad" data-srcset="/img/ok.svg 1x, javascript:${XSS} 2x">
<img data-category="marketing" alt="" class="bad" data-src="java&#9;script:${XSS}">
<iframe data-category="marketing" data-src="/frame/good.html" title="good" id="good"></iframe>
<img data-category="marketing" alt="" id="good-img" data-src="/img/good.svg" data-srcset="/img/good.svg 1x, /img/good-2x.svg 2x">
<iframe data-category="marketing" data-src="JAVASCRIPT:${XSS}" data-provider="VideoHost" data-policy="javascript:${XSS}" title="embed" id="embed"></iframe>
<iframe data-category="marketing" data-src="/frame/embed.html" data-provider="MapHost" data-policy="java&#9;script:${XSS}" title="map"></iframe>
</main>`;

  it('after consent: none is set, the good ones are', async () => {
    const s = await h.session();
    const page = await s.open({ config: CONFIG, body: BODY });
    await button(banner(page), 'Accept all').click();
    await page.waitForFunction(() => document.querySelector('#good')?.getAttribute('src') === '/frame/good.html');
    expect(await page.locator('#good-img').getAttribute('srcset')).toBe('/img/good.svg 1x, /img/good-2x.svg 2x');
    await settled(page);
    await page.waitForTimeout(200);
    expect(await page.locator('.bad[src], .bad[srcset], #embed[src]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? [])).toEqual([]);
  });

  it('"Load once" sets no script URL, and a placeholder links no script URL as the provider\'s policy', async () => {
    const s = await h.session();
    const page = await s.open({ config: CONFIG, body: BODY });
    const embed = page.getByRole('region', { name: 'Content from VideoHost' });
    const map = page.getByRole('region', { name: 'Content from MapHost' });
    await embed.waitFor();
    expect(await embed.getByRole('link').count()).toBe(0);
    expect(await map.getByRole('link').count()).toBe(0);
    await button(embed, 'Load once').click();
    await settled(page);
    await page.waitForTimeout(200);
    expect(await page.locator('#embed').getAttribute('src')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? [])).toEqual([]);
  });
});

describe('a cookie the browser only takes with Secure', () => {
  for (const cookie of [{ name: '__Host-consentgate' }, { sameSite: 'None' }]) {
    it(`${JSON.stringify(cookie)}: the decision is written and holds on the next page (loopback http, as in development)`, async () => {
      const s = await h.session();
      const spec: PageSpec = { config: { ...CONFIG, cookie }, body: `<script type="text/plain" data-category="analytics">${run('analytics')}</script>` };
      const page = await s.open(spec);
      await button(banner(page), 'Accept all').click();
      expect(await waitForRan(page, 1)).toEqual(['analytics']);
      const stored = (await s.context.cookies()).find((c) => c.name === (cookie.name ?? 'consentgate'));
      expect(stored).toMatchObject({ secure: true, path: '/' });
      const next = await s.open(spec);
      expect(await waitForRan(next, 1)).toEqual(['analytics']);
      expect(await banner(next).count()).toBe(0);
    });
  }
});
