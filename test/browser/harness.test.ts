// The instruments themselves: each check the suite relies on must be able to fail.
// A deliberately broken page shows that axe looks inside the shadow root, that CSP
// violations inside it are recorded, that requests to other origins are caught and
// that layout shifts are summed.
import { expect, it } from 'vitest';
import { AXE, banner, cspViolations, layoutShift, settled, useHarness } from './harness';

const h = useHarness();

it('axe sees a nameless button inside the shadow root', async () => {
  const s = await h.session();
  const page = await s.open();
  await banner(page).waitFor();
  await page.evaluate(() => {
    const b = document.createElement('button');
    document.getElementById('consentgate')!.shadowRoot!.firstElementChild!.appendChild(b);
  });
  await page.addScriptTag({ path: AXE });
  const ids = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string }> }> } }).axe;
    return (await axe.run(document.getElementById('consentgate'), { runOnly: { type: 'tag', values: ['wcag2a'] } })).violations.map((v) => v.id);
  });
  expect(ids).toContain('button-name');
});

it('records a CSP violation caused inside the shadow root', async () => {
  const s = await h.session();
  const page = await s.open({ headers: { 'Content-Security-Policy': "style-src 'self'" } });
  await banner(page).waitFor();
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'p { color: red }';
    document.getElementById('consentgate')!.shadowRoot!.appendChild(style);
  });
  await settled(page);
  expect(await cspViolations(page)).toEqual(['style-src-elem inline']);
});

it('catches requests to other origins', async () => {
  const s = await h.session();
  const page = await s.open({ head: '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="http://fonts.example.org/f.css">' });
  await settled(page);
  expect(s.offOrigin.sort()).toEqual(['http://fonts.example.org/f.css', 'https://cdn.example.com/x.js']);
});

it('sums a layout shift caused by content pushed in at the top', async () => {
  const s = await h.session();
  const page = await s.open();
  await settled(page);
  await page.evaluate(() => {
    const bar = document.createElement('div');
    bar.textContent = 'A bar inserted into the flow';
    bar.style.height = '120px';
    document.body.prepend(bar);
  });
  await page.waitForFunction(() => (window as unknown as { __shift: { count: number } }).__shift.count > 0);
  expect((await layoutShift(page)).sum).toBeGreaterThan(0);
});
