// The interface on the real core (src/core/create.ts): the seam as it runs in a page.
import { fireEvent, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/create';
import type { Config, ConsentGate } from '../../src/types';
import { preactUI } from '../../src/ui/mount';
import { dialog } from '../../src/ui/prefs';
import { nextFrame, packs } from './helpers';

let gate: ConsentGate | undefined;
afterEach(() => {
  gate?.destroy();
  gate = undefined;
  document.cookie = 'consentgate=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  document.body.innerHTML = '';
});

const config: Config = {
  categories: { necessary: {}, analytics: { data: ['ip'] }, marketing: { vendors: [{ name: 'Ads Inc', url: 'https://ads.example/privacy' }] } },
  controller: 'Infra VOIP',
  privacyPolicyUrl: '/privacy',
  language: 'en',
};

const start = () => {
  document.body.innerHTML = '<main><button data-consentgate="preferences">Manage cookies</button></main>';
  gate = createCore(() => ({ _ui: () => preactUI, _dialog: () => dialog, _texts: (lang) => packs[lang] }));
  gate.init(config);
  const root = document.getElementById('consentgate')!.shadowRoot!;
  return { gate, root, view: within(root as unknown as HTMLElement) };
};

describe('with the real core', () => {
  it('shows the banner, decides, and offers the reopen button with focus on it', async () => {
    const { gate, view, root } = start();
    const reject = view.getByRole('button', { name: 'Reject all' });
    reject.focus();
    fireEvent.click(reject);
    expect(gate.get()?.action).toBe('reject-all');
    expect(view.queryByRole('region', { name: 'Cookie consent' })).toBeNull();
    expect(view.getByRole('status').textContent).toBe('Your choices have been saved.');
    await nextFrame();
    expect(root.activeElement).toBe(view.getByRole('button', { name: 'Cookie settings' }));
  });

  it('opens the dialog from a page trigger, saves one category and returns focus to the trigger', () => {
    const { gate, view } = start();
    const trigger = document.querySelector<HTMLButtonElement>('[data-consentgate]')!;
    trigger.focus();
    fireEvent.click(trigger);
    const dialog = view.getByRole('dialog', { name: 'Cookie preferences' });
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(true);
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Analytics' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save choices' }));
    expect(gate.get()?.categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(false);
    expect(document.activeElement).toBe(trigger);
  });

  it('Escape in the dialog before any decision goes back to the banner and records nothing', () => {
    const { gate, view, root } = start();
    const prefs = view.getByRole('button', { name: 'Preferences' });
    prefs.focus();
    fireEvent.click(prefs);
    fireEvent.keyDown(view.getByRole('dialog'), { key: 'Escape' });
    expect(gate.get()).toBeNull();
    view.getByRole('region', { name: 'Cookie consent' });
    expect(root.activeElement).toBe(prefs);
  });

  it('removes the interface on destroy', () => {
    const { gate } = start();
    gate.destroy();
    expect(document.getElementById('consentgate')).toBeNull();
  });
});
