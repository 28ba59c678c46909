import { getByRole, queryByRole } from '@testing-library/dom';
import { describe, expect, it, vi } from 'vitest';
import { embeds } from '../../src/integrations/embeds';
import { embedsOnDemand } from '../../src/integrations/embeds-on-demand';
import { preactUI } from '../../src/ui/mount';
import { start } from './helpers';

const frameHTML = '<iframe data-category="marketing" data-src="about:blank#video" data-provider="VideoHost" data-policy="https://videohost.example/privacy" width="560" height="315" title="Video"></iframe>';
const placeholder = () => document.querySelector('.consentgate-embed') as HTMLElement | null;
const inside = () => placeholder()!.shadowRoot! as unknown as HTMLElement;

describe('embed placeholders', () => {
  it('stand in for a held-back iframe, the same size, naming the provider and its policy', () => {
    document.body.innerHTML = frameHTML;
    start({}, undefined, [embedsOnDemand], { _embeds: () => embeds });
    const box = placeholder()!;
    expect(box.getAttribute('role')).toBe('region');
    expect(box.getAttribute('aria-label')).toBe('Content from VideoHost');
    expect(box.style.width).toBe('560px');
    expect(box.style.minHeight).toBe('315px');
    expect(inside().textContent).toContain('This content is provided by VideoHost');
    expect(getByRole(inside(), 'link', { name: 'Privacy policy of VideoHost' }).getAttribute('href')).toBe('https://videohost.example/privacy');
    expect(getByRole(inside(), 'button', { name: 'Load once' })).toBeTruthy();
    expect(getByRole(inside(), 'button', { name: 'Always allow Marketing' })).toBeTruthy();
    const frame = document.querySelector('iframe')!;
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frame.hidden).toBe(true);
  });

  it('"Load once" loads this embed only and records nothing', () => {
    document.body.innerHTML = frameHTML + frameHTML.replace('#video', '#other');
    const gate = start({}, undefined, [embedsOnDemand], { _embeds: () => embeds });
    expect(document.querySelectorAll('.consentgate-embed')).toHaveLength(2);
    getByRole(inside(), 'button', { name: 'Load once' }).click();
    const [first, second] = Array.from(document.querySelectorAll('iframe'));
    expect(first!.getAttribute('src')).toBe('about:blank#video');
    expect(first!.hidden).toBe(false);
    expect(second!.hasAttribute('src')).toBe(false);
    expect(document.querySelectorAll('.consentgate-embed')).toHaveLength(1);
    expect(gate.get()).toBeNull();
    expect(document.cookie).toBe('');
  });

  it('"Always allow" records a decision granting the category and loads every such embed', () => {
    document.body.innerHTML = frameHTML + frameHTML.replace('#video', '#other');
    const gate = start({}, undefined, [embedsOnDemand], { _embeds: () => embeds });
    getByRole(inside(), 'button', { name: 'Always allow Marketing' }).click();
    expect(gate.get()!.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: true });
    expect(gate.get()!.action).toBe('custom');
    expect(placeholder()).toBeNull();
    expect(Array.from(document.querySelectorAll('iframe'), (f) => f.getAttribute('src'))).toEqual(['about:blank#video', 'about:blank#other']);
  });

  it('speaks Dutch on a Dutch page, and is not shown once granted', () => {
    document.documentElement.lang = 'nl';
    try {
      document.body.innerHTML = frameHTML;
      const gate = start({}, undefined, [embedsOnDemand], { _embeds: () => embeds });
      expect(getByRole(inside(), 'button', { name: 'Eenmalig laden' })).toBeTruthy();
      expect(queryByRole(inside(), 'button', { name: 'Marketing altijd toestaan' })).toBeTruthy();
      gate.acceptAll();
      expect(placeholder()).toBeNull();
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('an iframe without data-provider gets no placeholder', () => {
    document.body.innerHTML = '<iframe data-category="marketing" data-src="about:blank"></iframe>';
    start({}, undefined, [embedsOnDemand], { _embeds: () => embeds });
    expect(placeholder()).toBeNull();
  });

  it('takes its texts from the built-in dictionaries, overridable per language through config.texts', () => {
    document.body.innerHTML = frameHTML;
    start({ texts: { en: { 'embed.once': 'Just this once', 'embed.label': '{provider} video' } } }, undefined, [embedsOnDemand], { _embeds: () => embeds });
    expect(placeholder()!.getAttribute('aria-label')).toBe('VideoHost video');
    expect(getByRole(inside(), 'button', { name: 'Just this once' })).toBeTruthy();
    expect(getByRole(inside(), 'button', { name: 'Always allow Marketing' })).toBeTruthy();
  });

  it('adopts a stylesheet of its own, not the interface\'s, parsed once for every placeholder', () => {
    const replaceSync = vi.fn();
    vi.stubGlobal('CSSStyleSheet', class {
      replaceSync = replaceSync;
    });
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', { configurable: true, writable: true, value: [] });
    try {
      document.body.innerHTML = frameHTML + frameHTML.replace('#video', '#other');
      start({}, preactUI, [embedsOnDemand], { _embeds: () => embeds });
      const [a, b] = Array.from(document.querySelectorAll('.consentgate-embed'), (el) => el.shadowRoot!.adoptedStyleSheets);
      const ui = document.getElementById('consentgate')!.shadowRoot!.adoptedStyleSheets;
      // The core's small sheet for the host and the reopen button, and the interface's after it.
      expect(ui).toHaveLength(2);
      expect(a).toHaveLength(1);
      expect(b![0]).toBe(a![0]);
      expect(ui).not.toContain(a![0]);
      // Parsed once each: the core's sheet, the interface's, and one for all placeholders.
      // (What each sheet holds is checked in test/ui/styles.test.ts.)
      expect(replaceSync).toHaveBeenCalledTimes(3);
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
      vi.unstubAllGlobals();
    }
  });
});
