// @ts-check
// GET /stats.html: the consent rate for people who would rather look than read. One page,
// no external hosts: the admin token is typed into the page, which calls /stats with it and
// draws a table and an inline SVG chart. The token is kept in the page only (no storage).
import { createHash } from 'node:crypto';

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
form { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin-bottom: 1.5rem; }
label { display: flex; flex-direction: column; font-weight: 600; }
input, button { font: inherit; padding: .4rem .6rem; }
button { background: #1b4f9c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin-top: 1.5rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0; }
.legend span::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; background: var(--c); }
#status { min-height: 1.5em; }
`;

const SCRIPT = `
const SERIES = [['accept', 'Accept all', '#1e7b34'], ['custom', 'Custom', '#1b4f9c'], ['reject', 'Reject all', '#b3261e'], ['noChoice', 'No choice', '#8a8a8a']];
const SVG = 'http://www.w3.org/2000/svg';
const el = (name, attrs = {}, text) => {
  const node = name.startsWith('svg:') ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};
const rate = (d) => (d.shown > 0 ? Math.round(((d.accept + d.custom) / d.shown) * 1000) / 10 + ' %' : '–');
const form = document.getElementById('query');
const status = document.getElementById('status');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const key of ['from', 'to']) if (data.get(key)) params.set(key, String(data.get(key)));
  status.textContent = 'Loading…';
  let reply;
  try {
    reply = await fetch('stats?' + params, { headers: { Authorization: 'Bearer ' + data.get('token') }, cache: 'no-store' });
  } catch {
    status.textContent = 'The log service did not answer.';
    return;
  }
  const body = await reply.json().catch(() => ({}));
  if (!reply.ok) {
    status.textContent = 'Not shown: ' + (body.error || reply.status);
    return;
  }
  draw(body.days);
  status.textContent = body.days.length + ' days.';
});
function draw(days) {
  const out = document.getElementById('result');
  out.replaceChildren();
  if (days.length === 0) return;
  const top = Math.max(1, ...days.map((d) => Math.max(d.shown, d.accept + d.custom + d.reject + d.noChoice)));
  const bar = 24, gap = 8, height = 200, width = days.length * (bar + gap) + gap;
  const total = days.reduce((t, d) => ({ shown: t.shown + d.shown, accept: t.accept + d.accept, custom: t.custom + d.custom }), { shown: 0, accept: 0, custom: 0 });
  const svg = el('svg:svg', { viewBox: '0 0 ' + width + ' ' + (height + 20), width: Math.min(width, 900), role: 'img', 'aria-labelledby': 'chart-title' });
  svg.append(el('svg:title', { id: 'chart-title' }, 'Decisions per day, ' + days[0].day + ' to ' + days.at(-1).day + '; consent rate ' + rate(total)));
  days.forEach((d, i) => {
    let y = height;
    for (const [key, label, color] of SERIES) {
      const h = (d[key] / top) * height;
      if (h <= 0) continue;
      y -= h;
      const rect = el('svg:rect', { x: gap + i * (bar + gap), y, width: bar, height: h, fill: color });
      rect.append(el('svg:title', {}, d.day + ': ' + label + ' ' + d[key]));
      svg.append(rect);
    }
  });
  const legend = el('p', { class: 'legend' });
  for (const [, label, color] of SERIES) {
    const key = el('span', {}, label);
    key.style.setProperty('--c', color); // CSSOM, which the page's CSP allows; a style attribute it would not
    legend.append(key);
  }
  const table = el('table');
  table.append(el('caption', {}, 'Per day (UTC). Consent rate = (accept all + custom) ÷ shown.'));
  const head = el('tr');
  for (const h of ['Day', 'Shown', 'Accept all', 'Custom', 'Reject all', 'No choice', 'Consent rate']) head.append(el('th', { scope: 'col' }, h));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const rows = el('tbody');
  for (const d of days) {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, d.day));
    for (const v of [d.shown, d.accept, d.custom, d.reject, d.noChoice, rate(d)]) tr.append(el('td', {}, String(v)));
    rows.append(tr);
  }
  table.append(rows);
  out.append(svg, legend, table);
}
`;

/** The page and the Content-Security-Policy that lets exactly its own script and style run. */
export function statsPage() {
  const hash = (/** @type {string} */ text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent rate</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Consent rate</h1>
<form id="query">
<label>Admin token <input name="token" type="password" autocomplete="off" required></label>
<label>From <input name="from" type="date"></label>
<label>To <input name="to" type="date"></label>
<button type="submit">Show</button>
</form>
<p id="status" role="status"></p>
<div id="result"></div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(SCRIPT)}`,
    `style-src ${hash(STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
