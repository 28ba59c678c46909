import { afterEach, describe, expect, it } from 'vitest';
import { consentMode } from '../../src/integrations/consent-mode';
import { start } from './helpers';

type Entry = unknown[] | Record<string, unknown>;
const w = window as unknown as { dataLayer?: Entry[]; gtag?: unknown };
afterEach(() => {
  delete w.dataLayer;
  delete w.gtag;
});
const asArray = (e: Entry): unknown[] => (Array.isArray(e) ? e : typeof e === 'object' && e && 'length' in e ? Array.from(e as unknown as ArrayLike<unknown>) : [e]);
const commands = () => (w.dataLayer ?? []).map(asArray);
const denied = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

describe('Google Consent Mode v2', () => {
  it('does nothing unless enabled', () => {
    start({}, undefined, [consentMode]);
    expect(w.dataLayer).toBeUndefined();
  });

  it('defines dataLayer and gtag, then the default with all seven signals denied but security', () => {
    start({ googleConsentMode: true }, undefined, [consentMode]);
    expect(typeof w.gtag).toBe('function');
    expect(commands()).toEqual([['consent', 'default', { ...denied, wait_for_update: 500 }]]);
    // gtag.js reads Arguments objects, as pushed by Google's own snippet.
    expect(Object.prototype.toString.call(w.dataLayer![0])).toBe('[object Arguments]');
  });

  it('keeps a gtag and dataLayer the page already defined', () => {
    const mine: Entry[] = [['js', 'before']];
    w.dataLayer = mine;
    const calls: unknown[][] = [];
    w.gtag = (...args: unknown[]) => void calls.push(args);
    start({ googleConsentMode: true }, undefined, [consentMode]);
    expect(w.dataLayer).toBe(mine);
    expect(calls[0]).toEqual(['consent', 'default', { ...denied, wait_for_update: 500 }]);
  });

  it('applies a stored decision right after the default, and one update per decision with all keys', () => {
    const first = start({ googleConsentMode: true }, undefined, [consentMode]);
    first.save({ analytics: true });
    first.destroy();
    delete w.dataLayer;
    delete w.gtag;
    const gate = start({ googleConsentMode: true }, undefined, [consentMode]);
    // A late page tag: must come after our default and the stored update.
    (w.gtag as (...a: unknown[]) => void)('config', 'G-TEST');
    const c = commands();
    expect(c[0]).toEqual(['consent', 'default', { ...denied, wait_for_update: 500 }]);
    expect(c[1]).toEqual(['consent', 'update', { ...denied, analytics_storage: 'granted' }]);
    expect(c[2]).toEqual([{ event: 'consentgate_update', consentgate: { necessary: true, preferences: false, analytics: true, marketing: false }, consentgate_action: 'custom' }]);
    expect(c[3]).toEqual(['config', 'G-TEST']);

    const before = c.length;
    gate.acceptAll();
    const accept = commands().slice(before);
    expect(accept).toEqual([
      ['consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted', security_storage: 'granted' }],
      [expect.objectContaining({ event: 'consentgate_update', consentgate_action: 'accept-all' })],
    ]);
    gate.acceptAll(); // equal decision: nothing
    expect(commands()).toHaveLength(before + 2);
    gate.rejectAll();
    expect(commands().at(-2)).toEqual(['consent', 'update', denied]);
    gate.save({ preferences: true });
    expect(commands().at(-2)).toEqual(['consent', 'update', { ...denied, functionality_storage: 'granted', personalization_storage: 'granted' }]);
    gate.reset();
    expect(commands().at(-2)).toEqual(['consent', 'update', denied]);
    expect(commands().at(-1)).toEqual([expect.objectContaining({ event: 'consentgate_update', consentgate: {}, consentgate_action: 'reset' })]);
  });

  it('emits region defaults, ads_data_redaction and url_passthrough only when asked', () => {
    start(
      {
        googleConsentMode: { adsDataRedaction: true, urlPassthrough: true, regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }], map: { analytics: ['analytics_storage'] } },
      },
      undefined,
      [consentMode],
    );
    expect(commands()).toEqual([
      ['consent', 'default', { ...denied, wait_for_update: 500 }],
      ['consent', 'default', { ...denied, analytics_storage: 'granted', region: ['US-CA'], wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
    ]);
  });

  it('with GPC on, Accept all keeps ad signals denied', () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const gate = start({ googleConsentMode: true }, undefined, [consentMode]);
      gate.acceptAll();
      expect(commands().at(-2)).toEqual(['consent', 'update', { ...denied, analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted' }]);
    } finally {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
    }
  });
});
