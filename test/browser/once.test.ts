// One consentgate per page: the drop-in included twice, an optimiser running it twice, or a
// bundled copy beside the drop-in. The first instance runs the page; a later copy only warns
// ("consentgate: …"). One banner, one consentgate:consent event and one Consent Mode update per
// decision, gated code run once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONFIG, ROOT, banner, button, consentCommands, events, ran, settled, useHarness, waitForRan } from './harness';

const h = useHarness();

/** The ESM build (served with its chunks) and its dependency (preact, with its JSX runtime) as data: modules, behind an import map, as a bundler would ship them. */
const importMap = (): string => {
  const data = (file: string) => 'data:text/javascript;base64,' + readFileSync(join(ROOT, file)).toString('base64');
  return `<script type="importmap">${JSON.stringify({
    imports: {
      preact: data('node_modules/preact/dist/preact.mjs'),
      'preact/jsx-runtime': data('node_modules/preact/jsx-runtime/dist/jsxRuntime.mjs'),
      'consentgate-bundle': '/dist/consentgate.mjs',
    },
  })}</script>`;
};
const BUNDLE = `<script type="module">
import { createConsentGate } from 'consentgate-bundle';
window.bundled = createConsentGate(${JSON.stringify(CONFIG)});
</script>`;

interface Loaded {
  page: Page;
  warnings: string[];
}

async function load(spec: { head?: string; noLibrary?: boolean; config?: unknown }): Promise<Loaded> {
  const s = await h.session();
  const warnings: string[] = [];
  s.context.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const page = await s.open(spec);
  if (!spec.noLibrary) await settled(page);
  expect(s.pageErrors).toEqual([]);
  return { page, warnings };
}

/** One banner on screen and one host element, one consent event and one Consent Mode update per decision. */
async function expectOneInstance({ page, warnings }: Loaded, decide: () => Promise<void> = () => button(banner(page), 'Accept all').click()): Promise<void> {
  await banner(page).waitFor();
  expect(await page.locator('#consentgate').count()).toBe(1);
  expect(await page.getByRole('region', { name: 'Cookie consent' }).count()).toBe(1);
  expect(warnings.filter((w) => w.startsWith('consentgate:'))).toHaveLength(1);
  const updatesBefore = (await consentCommands(page)).filter(([kind]) => kind === 'update').length;
  await decide();
  await banner(page).waitFor({ state: 'hidden' });
  await waitForRan(page, 4);
  await settled(page);
  expect((await events(page)).filter((e) => e.type === 'consent')).toHaveLength(1);
  expect((await consentCommands(page)).filter(([kind]) => kind === 'update')).toHaveLength(updatesBefore + 1);
  // Each gated element released once.
  const names = await ran(page);
  expect(names.filter((n) => n === 'analytics')).toEqual(['analytics']);
  expect(names.filter((n) => n === 'analytics-ext')).toEqual(['analytics-ext']);
  // A second decision is announced once too.
  await page.evaluate(() => window.ConsentGate.rejectAll());
  await settled(page);
  expect((await events(page)).filter((e) => e.type === 'consent')).toHaveLength(2);
}

describe('the drop-in included more than once', () => {
  it('consentgate.js and consentgate.js?ver=2: one instance, the second copy only warns', async () => {
    const loaded = await load({ head: '<script src="/consentgate.js?ver=2"></script>' });
    await expectOneInstance(loaded);
  });

  it('the same file run twice (an optimiser): one instance', async () => {
    const loaded = await load({ head: '<script src="/consentgate.js"></script>' });
    await expectOneInstance(loaded);
  });

  it('a second copy keeps window.ConsentGate on the running instance', async () => {
    const { page } = await load({ head: '<script>window.firstCopy = window.ConsentGate</script><script src="/consentgate.js?ver=2"></script>' });
    expect(await page.evaluate(() => window.ConsentGate === (window as unknown as { firstCopy: unknown }).firstCopy)).toBe(true);
  });

  it('init() from the page after the config block started it: a clear error, and still one instance', async () => {
    const { page } = await load({});
    const message = await page.evaluate((config) => {
      try {
        window.ConsentGate.init(config as never);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    }, CONFIG);
    expect(message).toMatch(/^consentgate: init\(\) was already called/);
    expect(await page.locator('#consentgate').count()).toBe(1);
  });
});

describe('a bundled copy beside the drop-in', () => {
  it('drop-in first: the bundle warns and hands its calls to the running instance', async () => {
    const loaded = await load({ head: importMap() + BUNDLE });
    const { page } = loaded;
    await page.waitForFunction(() => 'bundled' in window);
    await expectOneInstance(loaded, () => page.evaluate(() => (window as unknown as { bundled: typeof window.ConsentGate }).bundled.acceptAll()));
    expect(await page.evaluate(() => (window as unknown as { bundled: typeof window.ConsentGate }).bundled.get()?.action)).toBe('reject-all');
  });

  it('bundle first, drop-in added later: the drop-in warns and window.ConsentGate names the bundled instance', async () => {
    const loaded = await load({ noLibrary: true, config: null, head: importMap() + BUNDLE });
    const { page } = loaded;
    await page.waitForFunction(() => 'bundled' in window);
    await page.evaluate(
      () =>
        new Promise((ok) => {
          const script = document.createElement('script');
          script.src = '/consentgate.js';
          script.onload = ok;
          document.head.append(script);
        }),
    );
    expect(await page.evaluate(() => window.ConsentGate === (window as unknown as { bundled: unknown }).bundled)).toBe(true);
    await expectOneInstance(loaded);
  });
});
