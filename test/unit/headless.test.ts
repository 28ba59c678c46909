// consentgate/headless: the same API and gating without any interface, for sites that draw their own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsentGate } from '../../src/headless';
import type { ConsentGate } from '../../src/types';
import { clearCookies, config } from './helpers';

let gate: ConsentGate | undefined;
afterEach(() => {
  gate?.destroy();
  gate = undefined;
  clearCookies();
  document.body.innerHTML = '';
});

describe('the headless entry', () => {
  it('draws nothing, emits show at once for your own interface, and decides through the API', () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.__headless = 1</script>';
    const show = vi.fn();
    gate = createConsentGate();
    gate.on('show', show);
    gate.init(config);
    expect(show).toHaveBeenCalledWith({ view: 'banner' });
    expect(document.getElementById('consentgate')).toBeNull();
    gate.rejectAll();
    expect(gate.get()?.action).toBe('reject-all');
    expect(gate.has('analytics')).toBe(false);
    expect(document.getElementById('consentgate')).toBeNull();
  });
});
