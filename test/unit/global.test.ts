// The drop-in's start-up from the JSON block, run from the built file in jsdom's own window.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsentGate } from '../../src/types';

// vitest runs from the repository root.
const file = resolve('dist/consentgate.js');
type PageWindow = Omit<Window, 'ConsentGate'> & { ConsentGate?: ConsentGate; ran?: boolean; console: Console };
const page = (globalThis as unknown as { jsdom: { window: PageWindow } }).jsdom.window;

function load(configText: string | null): void {
  if (!existsSync(file)) throw new Error('dist/consentgate.js is missing: run npm run build first');
  document.head.innerHTML = '';
  if (configText !== null) {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.id = 'consentgate-config';
    block.textContent = configText;
    document.head.append(block);
  }
  const gated = document.createElement('script');
  gated.type = 'text/plain';
  gated.dataset.category = 'analytics';
  gated.text = 'window.ran = true';
  document.head.append(gated);
  const script = document.createElement('script');
  script.text = readFileSync(file, 'utf8');
  document.head.append(script);
}

afterEach(() => {
  page.ConsentGate?.destroy();
  delete page.ConsentGate;
  delete page.ran;
  document.cookie = 'consentgate=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  document.body.innerHTML = '';
});

describe('drop-in start-up', () => {
  it('defines window.ConsentGate with the contract members', () => {
    load(null);
    expect(Object.keys(page.ConsentGate!).sort()).toEqual(
      ['acceptAll', 'destroy', 'get', 'has', 'hide', 'init', 'on', 'rejectAll', 'reset', 'save', 'show', 'showPreferences', 'whenGranted'].sort(),
    );
    expect(page.ConsentGate!.get()).toBeNull();
  });

  it('starts itself from the #consentgate-config block and gates until a decision', async () => {
    load('{ "categories": { "necessary": {}, "analytics": {} } }');
    expect(page.ran).toBeUndefined();
    expect(() => page.ConsentGate!.init({ categories: { necessary: {}, analytics: {} } })).toThrow(/already/);
    page.ConsentGate!.acceptAll();
    // A decision's scripts run after the next frame.
    await vi.waitFor(() => expect(page.ran).toBe(true));
  });

  it('fails closed on a bad config: logs consentgate: …, throws nothing, runs nothing', () => {
    const error = vi.spyOn(page.console, 'error').mockImplementation(() => {});
    document.cookie = 'consentgate=; path=/';
    load('{ "categories": { "necessary": {}, "analytics": { "cookies": [{ "match": "(" }] } }, "expiresAfterDays": 999 }');
    expect(error).toHaveBeenCalledOnce();
    const message = String(error.mock.calls[0]![0]);
    expect(message).toMatch(/^consentgate: invalid config/);
    expect(message).toContain('categories.analytics.cookies[0].match: not a valid regular expression');
    expect(message).toContain('expiresAfterDays: must be an integer from 1 to 395');
    expect(page.ran).toBeUndefined();
    expect(document.getElementById('consentgate')).toBeNull();
    expect(() => page.ConsentGate!.acceptAll()).toThrow(/init/);
    error.mockRestore();
  });

  it('reports invalid JSON the same way', () => {
    const error = vi.spyOn(page.console, 'error').mockImplementation(() => {});
    load('{ categories: ');
    expect(String(error.mock.calls[0]![0])).toMatch(/^consentgate: /);
    expect(page.ran).toBeUndefined();
    error.mockRestore();
  });
});
