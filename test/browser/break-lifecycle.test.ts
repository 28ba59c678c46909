// destroy() and then init() again on the same page: each gated element still runs at most once
// per page load. An embed already released is not loaded a second time (a playing video would
// start over, and its provider would count a second view).
import { describe, expect, it } from 'vitest';
import { CONFIG, banner, button, ran, settled, useHarness, waitForRan } from './harness';

const h = useHarness();

describe('destroy() then init() again', () => {
  it('releases nothing twice: scripts, the image and the iframe each load once', async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    await page.locator('#video').waitFor();
    const before = h.server.paths().length;
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => frame !== page.mainFrame() && reloads.push(frame.url()));
    await page.evaluate((config) => {
      window.ConsentGate.destroy();
      window.ConsentGate.init(config);
    }, CONFIG);
    await settled(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.ConsentGate.has('marketing'))).toBe(true);
    expect(await ran(page)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
    expect(reloads).toEqual([]);
    expect(h.server.paths().slice(before).filter((p) => /marketing|analytics/.test(p))).toEqual([]);
  });
});
