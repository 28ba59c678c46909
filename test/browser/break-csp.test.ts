// A hash-based strict policy (script-src 'sha256-…' 'strict-dynamic', the variant for static
// pages): the core is allowed by its hash and carries no nonce. Under 'strict-dynamic' the browser
// trusts every script consentgate creates, so gated markup injected into the page (a comment, a
// CMS field) would run after "Accept all", although the same policy refuses a plain injected
// <script>. With a nonce the gate releases only scripts carrying it (attacks.test.ts); without
// one it has no way to tell the page's gated scripts from injected ones. Skipped: see FAILING.md.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST, banner, button, ran, useHarness } from './harness';

const h = useHarness();
const sri = (code: Buffer | string) => 'sha256-' + createHash('sha256').update(code).digest('base64');

describe.skip('hash-based policy with strict-dynamic (open: the gate cannot tell injected gated markup from the site\'s without a nonce; needs a design decision)', () => {
  it('"Accept all" does not run an injected gated script the policy refuses as a plain one', async () => {
    const s = await h.session();
    const core = readFileSync(DIST);
    const page = await s.open({
      noLibrary: true,
      head: `<script src="/consentgate.js" integrity="${sri(core)}"></script>`,
      body: `<p>A visitor's comment: <script type="text/plain" data-category="analytics">(window.__ran=window.__ran||[]).push('injected')</script></p>
<script>(window.__ran=window.__ran||[]).push('plain injected')</script>`,
      headers: { 'Content-Security-Policy': `script-src '${sri(core)}' 'strict-dynamic'; object-src 'none'; base-uri 'none'` },
    });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await page.waitForTimeout(500);
    // The policy refused the plain one; the gated one must not run either.
    expect(await ran(page)).toEqual([]);
  });
});
