// Click-to-load placeholders for gated embeds: <iframe data-category="marketing" data-src="…"
// data-provider="VideoHost" data-policy="https://…">. Until the category is granted, a box of the
// same size stands in front of the iframe, names the provider and offers "Load once" (this embed,
// nothing recorded) and "Always allow <category>" (a decision).
import type { Integration } from '../core/integration';
import type { Language } from '../types';
import { categoryLabel, chooseLanguage, fill, resolveTexts } from '../ui/i18n';

const TEXTS: Record<Language, Record<string, string>> = {
  en: {
    'embed.notice': 'This content is provided by {provider}, which may set cookies and collect data about you ({category}).',
    'embed.policy': 'Privacy policy of {provider}',
    'embed.once': 'Load once',
    'embed.always': 'Always allow {category}',
    'embed.label': 'Content from {provider}',
  },
  nl: {
    'embed.notice': 'Deze inhoud komt van {provider}, dat cookies kan plaatsen en gegevens over u kan verzamelen ({category}).',
    'embed.policy': 'Privacybeleid van {provider}',
    'embed.once': 'Eenmalig laden',
    'embed.always': '{category} altijd toestaan',
    'embed.label': 'Inhoud van {provider}',
  },
};

const CSS =
  ':host{display:block;box-sizing:border-box;max-width:100%;overflow:auto;font:15px/1.5 system-ui,sans-serif;color:#1b1b1f;background:#eef0f3;border:1px solid #767680;padding:16px}' +
  'p{margin:0 0 12px}a{color:#0b57d0}button{font:inherit;min-height:32px;margin:4px 8px 4px 0;padding:4px 14px;border-radius:6px;border:2px solid #1b1b1f;background:#fff;color:#1b1b1f;cursor:pointer}' +
  'button:focus-visible,a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}@media (forced-colors:active){:host{border-color:CanvasText}}';

export const embeds: Integration = ({ config, subscribe, onBlocked, release, grant }) => {
  const lang = chooseLanguage(config.language);
  const t = { ...resolveTexts(config, lang), ...TEXTS[lang], ...config.texts[lang] };
  const placeholders = new Map<Element, HTMLElement>();
  let sheet: CSSStyleSheet | null = null;

  const remove = (frame: Element): void => {
    placeholders.get(frame)?.remove();
    placeholders.delete(frame);
    frame.removeAttribute('hidden');
  };

  onBlocked((frame) => {
    const provider = frame.getAttribute('data-provider');
    if (!(frame instanceof HTMLIFrameElement) || provider === null || placeholders.has(frame) || !frame.parentNode) return;
    const keys = (frame.getAttribute('data-category') ?? '').split(/\s+/).filter((k) => k && k[0] !== '!');
    const categories = config.categories.filter((c) => keys.includes(c.key));
    const label = categories.map((c) => categoryLabel(c, t, lang)).join(', ');
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
    if (root.adoptedStyleSheets) {
      if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else root.appendChild(document.createElement('style')).textContent = CSS;

    const add = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string, parent: Node = root): HTMLElementTagNameMap[K] => {
      const el = document.createElement(tag);
      el.textContent = text;
      parent.appendChild(el);
      return el;
    };
    const notice = add('p', fill(t['embed.notice']!, values));
    const policy = frame.getAttribute('data-policy');
    if (policy && /^(https?:\/\/|\/)/.test(policy)) {
      notice.append(' ');
      add('a', fill(t['embed.policy']!, values), notice).href = policy;
    }
    const once = add('button', t['embed.once']!);
    once.type = 'button';
    once.onclick = () => {
      remove(frame);
      release(frame);
    };
    // One button per category the embed needs; most embeds need one.
    for (const c of categories) {
      const always = add('button', fill(t['embed.always']!, { ...values, category: categoryLabel(c, t, lang) }));
      always.type = 'button';
      always.onclick = () => grant(c.key);
    }
    frame.setAttribute('hidden', '');
    frame.before(box);
    placeholders.set(frame, box);
  });

  const unsubscribe = subscribe(() => {
    // The gate has released whatever the new decision allows: its placeholders go.
    for (const frame of [...placeholders.keys()]) if (frame.hasAttribute('src')) remove(frame);
  });
  return () => {
    unsubscribe();
    for (const frame of [...placeholders.keys()]) remove(frame);
  };
};
