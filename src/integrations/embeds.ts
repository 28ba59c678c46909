// Click-to-load placeholders for gated embeds: <iframe data-category="marketing" data-src="…"
// data-provider="VideoHost" data-policy="https://…">. Until the category is granted, a box of the
// same size stands in front of the iframe, names the provider and offers "Load once" (this embed,
// nothing recorded) and "Always allow <category>" (a decision). Fetched by the core at the
// first held-back iframe that names its provider (src/integrations/embeds-on-demand.ts), with
// the texts the core resolved.
import type { Integration } from '../core/integration';
import { fill } from '../texts/format';
import { adoptEmbedStyles } from '../ui/sheet';
import { safeUrl } from '../core/url';
import { allows } from '../core/gate';

export const embeds: Integration = ({ config, _subscribe: subscribe, _onBlocked: onBlocked, _release: release, _grant: grant, _shown: texts }) => {
  const { language: lang, strings: t } = texts()!;
  const placeholders = new Map<HTMLIFrameElement, HTMLElement>();

  const remove = (frame: HTMLIFrameElement): void => {
    placeholders.get(frame)?.remove();
    placeholders.delete(frame);
    frame.hidden = false;
  };

  onBlocked((frame) => {
    if (!(frame instanceof HTMLIFrameElement)) return;
    // Attributes, not dataset: a missing data-* attribute must not be read from Object.prototype.
    const [provider, policy, category = ''] = ['provider', 'policy', 'category'].map((name) => frame.getAttribute('data-' + name) ?? undefined);
    // Not one that was released (or removed) while this code was on its way.
    if (provider == null || placeholders.has(frame) || !frame.parentNode || frame.hasAttribute('src')) return;
    const keys = category.split(/\s+/).filter((k) => k && k[0] !== '!');
    const categories = config.categories.filter((c) => keys.includes(c.key));
    const label = categories.map((c) => t['category.' + c.key]).join(', ');
    const values = { provider, category: label };

    const box = document.createElement('div');
    box.className = 'consentgate-embed';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', fill(t['embed.label']!, values));
    box.lang = lang;
    // The size of the embed it stands for, so nothing moves when it loads. CSSOM, not a style attribute: fine under a strict CSP.
    box.style.width = frame.width ? `${frame.width}px` : '100%';
    if (frame.height) box.style.minHeight = `${frame.height}px`;
    const root = box.attachShadow({ mode: 'open' });
    adoptEmbedStyles(root);

    const add = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string, parent: Node = root): HTMLElementTagNameMap[K] => {
      const el = document.createElement(tag);
      el.textContent = text;
      parent.appendChild(el);
      return el;
    };
    const notice = add('p', fill(t['embed.notice']!, values));
    const href = safeUrl(policy);
    if (href) {
      notice.append(' ');
      add('a', fill(t['embed.policy']!, values), notice).href = href;
    }
    // Buttons without a type: a shadow root has no form to submit.
    add('button', t['embed.once']!).onclick = () => {
      remove(frame);
      release(frame);
    };
    // One button per category the embed needs; most embeds need one.
    for (const c of categories) add('button', fill(t['embed.always']!, { ...values, category: t['category.' + c.key]! })).onclick = () => grant(c.key);
    frame.hidden = true;
    frame.before(box);
    placeholders.set(frame, box);
  });

  const unsubscribe = subscribe((record) => {
    // The gate releases whatever the new decision allows, right after this: its placeholders go.
    for (const frame of [...placeholders.keys()]) if (record && allows(frame.getAttribute('data-category') ?? '', record.categories)) remove(frame);
  });
  return () => {
    unsubscribe();
    for (const frame of [...placeholders.keys()]) remove(frame);
  };
};
