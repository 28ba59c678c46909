// Gated embeds with a click-to-load placeholder (ePrivacy Directive art. 5(3), EDPB 2/2023).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { banner, button, cookieNames, ran, settled, useHarness, waitForRan } from './harness';

const h = useHarness();
const run = (name: string) => `(window.__ran=window.__ran||[]).push('${name}')`;
const BODY = `
<main><h1>Embeds</h1>
<iframe id="video" data-category="marketing" data-src="/frame/embed-video.html" data-provider="VideoHost"
  data-policy="https://videohost.example/privacy" title="Product video" width="480" height="270"></iframe>
</main>
<script type="text/plain" data-category="marketing">${run('marketing')}</script>`;

const record = (page: Page) => page.evaluate(() => (window as unknown as { ConsentGate: { get(): { categories: Record<string, boolean> } | null } }).ConsentGate.get());

async function open() {
  const s = await h.session();
  const page = await s.open({ body: BODY });
  await banner(page).waitFor();
  const placeholder = page.getByRole('region', { name: 'Content from VideoHost' });
  await placeholder.waitFor();
  return { s, page, placeholder };
}

const frameRequests = () => h.server.paths().filter((p) => p.startsWith('/frame/embed-video.html')).length;

describe('embed placeholder', () => {
  it('names the provider and links its policy; the embed is not requested', async () => {
    const before = frameRequests();
    const { page, placeholder } = await open();
    expect(await placeholder.getByText(/VideoHost/).first().isVisible()).toBe(true);
    expect(await placeholder.getByRole('link', { name: /VideoHost/ }).getAttribute('href')).toBe('https://videohost.example/privacy');
    await settled(page);
    expect(await page.locator('#video').getAttribute('src')).toBeNull();
    expect(frameRequests()).toBe(before);
  });

  it('"Load once" loads this embed only and records no decision', async () => {
    const { s, page, placeholder } = await open();
    await button(placeholder, 'Load once').click();
    await page.waitForFunction(() => document.querySelector('#video')?.getAttribute('src') === '/frame/embed-video.html');
    await settled(page);
    expect(await record(page)).toBeNull();
    expect(await cookieNames(s.context)).toEqual([]);
    expect(await ran(page)).toEqual([]);
    expect(await banner(page).isVisible()).toBe(true);
  });

  it('"Always allow" is a decision for the embed\'s category', async () => {
    const { page, placeholder } = await open();
    await placeholder.getByRole('button', { name: /^Always allow/ }).click();
    expect(await waitForRan(page, 1)).toEqual(['marketing']);
    await page.waitForFunction(() => document.querySelector('#video')?.getAttribute('src') === '/frame/embed-video.html');
    expect((await record(page))?.categories).toMatchObject({ marketing: true, analytics: false, preferences: false });
  });
});
