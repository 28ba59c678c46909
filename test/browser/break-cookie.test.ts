// Two consent cookies of the same name: one left on another path (a site that once set
// `cookie.path`) or host-only beside a domain cookie (a site that later set `cookie.domain`).
// The browser lists the longer path first, then the older one. The visitor's latest decision is
// the one in effect on every page: a withdrawal or a new choice is never hidden behind the old copy,
// and reset() forgets the decision.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONFIG, GATED_URLS, banner, button, dialog, pageHtml, ran, reopenButton, settled, useHarness, waitForRan } from './harness';

const h = useHarness();
const DAY = 86_400_000;
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const ALL = 'necessary:1+preferences:1+analytics:1+marketing:1';

const record = (page: Page) => page.evaluate(() => window.ConsentGate.get());

/** A session whose jar already holds a consent cookie on the path /p (the fixture pages live under /p/). */
async function withOldCopy(value: string) {
  const s = await h.session();
  await s.context.addCookies([{ name: 'consentgate', value, domain: '127.0.0.1', path: '/p' }]);
  return s;
}

describe('a second consent cookie on a longer path', () => {
  it('a withdrawal holds on the next page: the older grant is not read again', async () => {
    const s = await withOldCopy(`cg1|${ID}|${Date.now() - DAY}|1|a|0|${ALL}`);
    const url = h.server.page(pageHtml());
    const page = await s.open(url);
    await settled(page);
    expect((await record(page))?.categories.analytics).toBe(true);
    await reopenButton(page).click();
    await button(dialog(page), 'Reject all').click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect((await record(page))?.action).toBe('reject-all');

    const next = await s.open(url);
    await settled(next);
    expect((await record(next))?.action).toBe('reject-all');
    expect(await waitForRan(next, 1)).toEqual(['no-marketing']);
    expect(s.consoleErrors).toEqual([]);
  });

  it('a copy from an older revision does not bring the banner back after every decision', async () => {
    const s = await withOldCopy(`cg1|${ID}|${Date.now() - DAY}|1|a|0|${ALL}`);
    const url = h.server.page(pageHtml({ config: { ...CONFIG, revision: 2 } }));
    const page = await s.open(url);
    await banner(page).waitFor();
    await button(banner(page), 'Reject all').click();
    await banner(page).waitFor({ state: 'hidden' });

    const next = await s.open(url);
    await settled(next);
    expect(await banner(next).isVisible()).toBe(false);
    expect((await record(next))?.action).toBe('reject-all');
  });

  it('a withdrawal on a page where the old copy is not sent still holds on the page where it is', async () => {
    const here = h.server.page(pageHtml());
    const there = h.server.page(pageHtml());
    const s = await h.session();
    // The old grant lives on the path of the second page only: the first page never sees it.
    await s.context.addCookies([{ name: 'consentgate', value: `cg1|${ID}|${Date.now() - DAY}|1|a|0|${ALL}`, domain: '127.0.0.1', path: new URL(there).pathname }]);
    const page = await s.open(here);
    await banner(page).waitFor();
    await button(banner(page), 'Reject all').click();
    await banner(page).waitFor({ state: 'hidden' });

    const next = await s.open(there);
    await settled(next);
    expect((await record(next))?.action).toBe('reject-all');
    expect(await waitForRan(next, 1)).toEqual(['no-marketing']);
  });

  it('reset() forgets the decision: the next page asks again and runs nothing gated', async () => {
    const s = await withOldCopy(`cg1|${ID}|${Date.now() - DAY}|1|a|0|${ALL}`);
    const url = h.server.page(pageHtml());
    const page = await s.open(url);
    await settled(page);
    await page.evaluate(() => window.ConsentGate.reset());
    await banner(page).waitFor();

    const before = h.server.paths().length;
    const next = await s.open(url);
    await banner(next).waitFor();
    expect(await record(next)).toBeNull();
    expect(await ran(next)).toEqual([]);
    expect(h.server.paths().slice(before).filter((p) => GATED_URLS.includes(p))).toEqual([]);
  });
});
