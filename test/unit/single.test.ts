// One consentgate per page: a second instance started beside a running one warns and hands its
// calls to it; destroy() frees the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsentGate } from '../../src/create';
import type { ConsentGate } from '../../src/types';
import { clearCookies, config } from './helpers';

const made: ConsentGate[] = [];
const make = (...args: Parameters<typeof createConsentGate>): ConsentGate => {
  const gate = createConsentGate(...args);
  made.push(gate);
  return gate;
};

afterEach(() => {
  while (made.length) made.pop()!.destroy();
  clearCookies();
  vi.restoreAllMocks();
});

describe('one instance per page', () => {
  it('a second instance warns once and hands its calls to the running one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const consent = vi.fn();
    addEventListener('consentgate:consent', consent);
    const first = make(config);
    const second = make(config);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toMatch(/^consentgate: /);
    expect(document.querySelectorAll('#consentgate')).toHaveLength(1);
    second.acceptAll();
    expect(consent).toHaveBeenCalledOnce();
    expect(first.get()).toEqual(second.get());
    removeEventListener('consentgate:consent', consent);
  });

  it('after destroy() another instance may start', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = make(config);
    first.destroy();
    const second = make(config);
    expect(warn).not.toHaveBeenCalled();
    second.rejectAll();
    expect(second.get()?.action).toBe('reject-all');
    expect(document.querySelectorAll('#consentgate')).toHaveLength(1);
  });

  it('init() twice on the running instance still throws, as the contract says', () => {
    const first = make(config);
    expect(() => first.init(config)).toThrow('consentgate: init() was already called');
  });
});
