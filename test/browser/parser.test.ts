// A gated inline script is released only once the parser has all of its text. The parser may
// stop inside a script's text (the rest of the page is still on its way); the gate tells that
// it is done with an element from what follows it in the document. Our own host element, which
// the core appends to <html> after <body> as soon as there is a body, is no such sign.
import { describe, expect, it } from 'vitest';
import { pageHtml, ran, settled, useHarness, waitForRan } from './harness';

const h = useHarness();
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const GRANTED = 'necessary:1+preferences:1+analytics:1+marketing:1';
// Enough text before the pause that the browser starts parsing the first part at once.
const FILLER = `<p>${'Text of the page. '.repeat(120)}</p>`;

describe('a gated inline script whose text arrives in two parts', () => {
  it('runs once, with all of its text, on a returning visit', async () => {
    const s = await h.session();
    await s.context.addCookies([{ name: 'consentgate', value: `cg1|${ID}|${Date.now() - 60_000}|1|a|0|${GRANTED}`, domain: '127.0.0.1', path: '/' }]);
    const url = h.server.page(
      pageHtml({
        body: `${FILLER}
<script type="text/plain" data-category="analytics">(window.__ran = window.__ran || []).push('first part');<!--pause-->
window.__ran.push('second part');</script>
<p>After the script.</p>`,
      }),
    );
    const page = await s.open(url);
    await settled(page);
    // Released with half its text, the script would have run 'first part' alone, and the rest never.
    expect(await waitForRan(page, 2)).toEqual(['first part', 'second part']);
    await page.waitForTimeout(100);
    expect(await ran(page)).toEqual(['first part', 'second part']);
    expect(s.pageErrors).toEqual([]);
  });
});
