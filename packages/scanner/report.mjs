// @ts-check
// The scan's output for people: a summary table for the terminal and one self-contained HTML page.

/** @typedef {Awaited<ReturnType<typeof import('./scan.mjs').scan>>} ScanResult */

const PASS_TITLES = { 'before-consent': 'Before any decision', 'after-reject': 'After "Reject all"', 'after-accept': 'After "Accept all"' };

/** The path of a URL when it is on the scanned origin, else the whole URL. */
function short(/** @type {string} */ url, /** @type {string} */ base) {
  try {
    const u = new URL(url);
    return u.origin === new URL(base).origin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

/** A plain-text table: columns padded to their widest cell (the last column is not padded). */
function table(/** @type {string[]} */ head, /** @type {string[][]} */ rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (/** @type {string[]} */ r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

/** The summary printed on stdout. */
export function summary(/** @type {ScanResult} */ r) {
  const out = [];
  const errors = r.findings.filter((f) => f.level === 'error').length;
  const warnings = r.findings.length - errors;
  out.push(`consentgate-scan ${r.url}: ${r.pages.length} page${r.pages.length === 1 ? '' : 's'}, ${(r.durationMs / 1000).toFixed(1)} s, ${r.consentgate ? 'consentgate found' : 'consentgate not found'}`);
  out.push('');
  if (r.findings.length) {
    out.push(
      table(
        ['level', 'finding', 'page', 'subject'],
        r.findings.map((f) => [f.level, f.id, short(f.page, r.url), subject(f)]),
      ),
    );
  } else {
    out.push('No findings.');
  }
  out.push('');
  const byPass = (/** @type {string} */ p) => r.cookies.filter((c) => c.firstSeen === p).length;
  out.push(`Cookies: ${r.cookies.length} (first seen: ${byPass('before-consent')} before any decision, ${byPass('after-reject')} after reject, ${byPass('after-accept')} after accept). Storage keys: ${r.storage.length}. Other sites contacted: ${r.requests.length}.`);
  const open = r.checks.filter((c) => c.status !== 'pass');
  if (open.length) {
    out.push('');
    out.push(table(['check', 'result', 'detail'], open.map((c) => [c.id, c.status, c.detail])));
  }
  out.push('');
  out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}

/** What a finding is about, in a few words. */
function subject(/** @type {import('./scan.mjs').Finding} */ f) {
  if (f.cookie) return `cookie ${f.cookie.name} (${f.cookie.domain})`;
  if (f.storage) return `${f.storage.kind}Storage ${f.storage.key}`;
  if (f.request) return `request to ${f.request.site}`;
  return '';
}

const esc = (/** @type {unknown} */ s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** One self-contained HTML page: findings, checks, cookie table by pass and category, the first layer's screenshot. */
export function htmlReport(/** @type {ScanResult} */ r) {
  const errors = r.findings.filter((f) => f.level === 'error').length;
  const warnings = r.findings.length - errors;
  const verdict = errors ? 'fail' : 'ok';
  const findingRows = r.findings
    .map(
      (f) => `<tr class="${esc(f.level)}"><td><span class="badge ${esc(f.level)}">${esc(f.level)}</span></td><td><code>${esc(f.id)}</code></td><td>${esc(f.message)}${
        f.suggestion ? `<details open><summary>Declaration to paste into <code>categories.${esc(f.suggestion.category ?? '…')}.cookies</code></summary><pre>${esc(JSON.stringify(f.suggestion.cookie, null, 2))}</pre></details>` : ''
      }</td><td><a href="${esc(f.page)}">${esc(short(f.page, r.url))}</a></td></tr>`,
    )
    .join('\n');
  const checkRows = r.checks.map((c) => `<tr><td><code>${esc(c.id)}</code></td><td><span class="badge ${esc(c.status)}">${esc(c.status)}</span></td><td>${esc(c.detail)}</td></tr>`).join('\n');
  const cookieSections = /** @type {const} */ (['before-consent', 'after-reject', 'after-accept'])
    .map((pass) => {
      const rows = r.cookies.filter((c) => c.firstSeen === pass);
      if (!rows.length) return `<h3>${esc(PASS_TITLES[pass])}</h3><p class="muted">${r.passes[pass].ran ? 'No new cookies.' : `Not scanned: ${esc(r.passes[pass].reason ?? '')}.`}</p>`;
      /** @type {Map<string, typeof rows>} */
      const groups = new Map();
      for (const c of rows) {
        const group = c.declared ?? (c.known ? `undeclared (database: ${c.known.category})` : 'undeclared, unknown');
        groups.set(group, [...(groups.get(group) ?? []), c]);
      }
      const body = [...groups]
        .map(
          ([group, list]) =>
            `<tr class="group"><th colspan="6">${esc(group)}</th></tr>` +
            list
              .map(
                (c) =>
                  `<tr><td><code>${esc(c.name)}</code></td><td>${esc(c.domain)}${c.thirdParty ? ' <span class="badge warning">other site</span>' : ''}</td><td>${esc(c.expires === 'session' ? 'session' : c.expires.slice(0, 10))}</td><td>${esc(c.known ? `${c.known.platform}: ${c.known.description}` : '')}</td><td>${esc(c.known?.retention ?? '')}</td><td><a href="${esc(c.page)}">${esc(short(c.page, r.url))}</a></td></tr>`,
              )
              .join(''),
        )
        .join('\n');
      return `<h3>${esc(PASS_TITLES[pass])}</h3><table><thead><tr><th>cookie</th><th>domain</th><th>expires</th><th>Open Cookie Database</th><th>its retention</th><th>first page</th></tr></thead><tbody>${body}</tbody></table>`;
    })
    .join('\n');
  const storageRows = r.storage.map((s) => `<tr><td><code>${esc(s.key)}</code></td><td>${esc(s.kind)}Storage</td><td>${esc(s.firstSeen)}</td><td>${esc(s.declared ?? '')}</td><td>${esc(short(s.page, r.url))}</td></tr>`).join('');
  const requestRows = r.requests.map((q) => `<tr><td>${esc(q.site)}</td><td>${esc(q.firstSeen)}</td><td>${q.count}</td><td><code>${esc(q.url)}</code></td><td>${esc(short(q.page, r.url))}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent scan of ${esc(r.url)}</title>
<style>
  :root { color-scheme: light; --fg: #1d2430; --muted: #5b6575; --line: #d9dee7; --err: #b3261e; --warn: #8a5a00; --ok: #1e6b35; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 24px; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 1rem; margin: 20px 0 6px; }
  .muted { color: var(--muted); }
  td > code, th { white-space: nowrap; }
  .verdict { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; margin: 8px 0; }
  .verdict.fail { background: #fdecea; color: var(--err); } .verdict.ok { background: #e7f4ea; color: var(--ok); }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
  tr.group th { background: #f3f5f8; font-weight: 600; }
  code, pre { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  pre { background: #f3f5f8; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; }
  .badge.error, .badge.fail { background: #fdecea; color: var(--err); } .badge.warning, .badge.not-checked { background: #fff4dc; color: var(--warn); } .badge.pass { background: #e7f4ea; color: var(--ok); }
  figure { margin: 0; } figure img { max-width: 100%; border: 1px solid var(--line); border-radius: 6px; }
  figcaption { color: var(--muted); font-size: 13px; }
</style>
</head>
<body>
<header>
<h1>Consent scan of <a href="${esc(r.url)}">${esc(r.url)}</a></h1>
<p class="muted">${esc(r.scannedAt)} · ${r.pages.length} page${r.pages.length === 1 ? '' : 's'} in three fresh browser profiles · ${(r.durationMs / 1000).toFixed(1)} s · ${r.consentgate ? 'consentgate found on the site' : 'consentgate not found: banner found by its buttons\u2019 names'}</p>
<p class="verdict ${verdict}">${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}</p>
</header>
<main>
<h2>Findings</h2>
${r.findings.length ? `<table><thead><tr><th>level</th><th>finding</th><th>what</th><th>first seen on</th></tr></thead><tbody>${findingRows}</tbody></table>` : '<p>No findings.</p>'}
<h2>The first layer</h2>
${r.screenshot ? `<figure><img src="${r.screenshot}" alt="The start page as a first-time visitor sees it, before any decision"><figcaption>The start page in a fresh profile, 1280 × 800, before any decision.</figcaption></figure>` : '<p class="muted">No screenshot.</p>'}
<h2>Checks</h2>
<table><thead><tr><th>check</th><th>result</th><th>detail</th></tr></thead><tbody>${checkRows}</tbody></table>
<h2>Cookies, by the pass that first saw them and by category</h2>
${cookieSections}
<h2>Storage keys</h2>
${storageRows ? `<table><thead><tr><th>key</th><th>kind</th><th>first seen</th><th>declared</th><th>first page</th></tr></thead><tbody>${storageRows}</tbody></table>` : '<p class="muted">None.</p>'}
<h2>Other sites contacted</h2>
${requestRows ? `<table><thead><tr><th>site</th><th>first seen</th><th>requests</th><th>first request</th><th>page</th></tr></thead><tbody>${requestRows}</tbody></table>` : '<p class="muted">None.</p>'}
<h2>Pages</h2>
<ol>${r.pages.map((p) => `<li><a href="${esc(p)}">${esc(p)}</a></li>`).join('')}</ol>
</main>
<footer><p class="muted">Cookie descriptions from the Open Cookie Database (Apache License 2.0), ${r.openCookieDatabase.entries} entries. Made by consentgate-scan.</p></footer>
</body>
</html>
`;
}
