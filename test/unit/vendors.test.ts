// The vendors' consent signals: their config keys, and the cases the browser tests do not load
// (a base code placed before consentgate, other loaders, own category maps, destroy()).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentGateConfigError, resolveConfig } from '../../src/core/config';
import { vendorSignals } from '../../src/integrations/vendors';
import { start } from './helpers';

const categories = { necessary: {}, analytics: {}, marketing: {} };

function problemsWith(extra: Record<string, unknown>, cats: Record<string, unknown> = categories): string[] {
  try {
    resolveConfig({ categories: cats, ...extra });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConsentGateConfigError);
    return [...(error as ConsentGateConfigError).problems];
  }
}

describe('config of the vendor signals', () => {
  it('is off by default; true gives the documented defaults', () => {
    const off = resolveConfig({ categories });
    expect([off.microsoftConsentMode, off.metaPixel, off.matomo]).toEqual([false, false, false]);
    const on = resolveConfig({ categories, microsoftConsentMode: true, metaPixel: true, matomo: true });
    expect(on.microsoftConsentMode).toEqual({ map: { marketing: ['ad_storage'], analytics: ['analytics_storage'] } });
    expect(on.metaPixel).toEqual({ category: 'marketing' });
    expect(on.matomo).toEqual({ category: 'analytics', cookiesOnly: false });
    const own = resolveConfig({
      categories,
      microsoftConsentMode: { map: { analytics: ['analytics_storage', 'ad_storage'] } },
      metaPixel: { category: 'analytics' },
      matomo: { category: 'marketing', cookiesOnly: true },
    });
    // An own map lists every category, those left out with no signals (as Google Consent Mode's map).
    expect(own.microsoftConsentMode).toEqual({ map: { necessary: [], analytics: ['analytics_storage', 'ad_storage'], marketing: [] } });
    expect(own.metaPixel).toEqual({ category: 'analytics' });
    expect(own.matomo).toEqual({ category: 'marketing', cookiesOnly: true });
    expect(Object.isFrozen(own.microsoftConsentMode && own.microsoftConsentMode.map.analytics)).toBe(true);
  });

  it('refuses a value that is neither a boolean nor an object, naming the key', () => {
    for (const value of ['yes', null, 1, []]) {
      expect(problemsWith({ microsoftConsentMode: value, metaPixel: value, matomo: value })).toEqual([
        'microsoftConsentMode: must be a boolean or an object',
        'metaPixel: must be a boolean or an object',
        'matomo: must be a boolean or an object',
      ]);
    }
  });

  it('microsoftConsentMode.map: configured categories only, Microsoft signals only', () => {
    expect(problemsWith({ microsoftConsentMode: { map: { ads: ['ad_storage'], marketing: ['ad_user_data'], analytics: 'analytics_storage' } } })).toEqual([
      'microsoftConsentMode.map.ads: unknown key',
      'microsoftConsentMode.map.analytics: must be an array',
      'microsoftConsentMode.map.marketing[0]: must be one of ad_storage, analytics_storage',
    ]);
    expect(problemsWith({ microsoftConsentMode: { map: [] } })).toEqual(['microsoftConsentMode.map: must be an object']);
    expect(problemsWith({ microsoftConsentMode: { clarity: false } })).toEqual(['microsoftConsentMode.clarity: unknown key']);
  });

  it('metaPixel.category and matomo.category must name a configured category', () => {
    expect(problemsWith({ metaPixel: { category: 'ads' }, matomo: { category: 5 } })).toEqual([
      'metaPixel.category: must be one of necessary, analytics, marketing',
      'matomo.category: must be one of necessary, analytics, marketing',
    ]);
    // The defaults count too: without a "marketing" category, metaPixel: true must say which one.
    expect(problemsWith({ metaPixel: true, matomo: true }, { necessary: {}, stats: { label: 'Stats' } })).toEqual([
      'metaPixel.category: must be one of necessary, stats',
      'matomo.category: must be one of necessary, stats',
    ]);
    expect(problemsWith({ matomo: { cookiesOnly: 'yes', siteId: 1 }, metaPixel: { pixelId: '1' } })).toEqual([
      'metaPixel.pixelId: unknown key',
      'matomo.siteId: unknown key',
      'matomo.cookiesOnly: must be true or false',
    ]);
  });
});

type Calls = unknown[][];
const w = window as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
afterEach(() => {
  for (const key of ['fbq', '_fbq', 'uetq', 'clarity', '_paq']) delete w[key];
});

describe('Meta Pixel signals', () => {
  it('with a base code placed before consentgate, calls its fbq at start and for each decision', () => {
    const calls: Calls = [];
    w.fbq = (...args: unknown[]) => void calls.push(args);
    const first = start({ metaPixel: true }, undefined, [vendorSignals]);
    expect(calls).toEqual([['consent', 'revoke']]);
    first.acceptAll();
    expect(calls.at(-1)).toEqual(['consent', 'grant']);
    first.destroy();
    calls.length = 0;
    // A returning visitor with that order: the stored decision, once.
    start({ metaPixel: true }, undefined, [vendorSignals]);
    expect(calls).toEqual([['consent', 'grant']]);
  });

  it('a loader that assigns a ready fbq with its queue: the consent command is called into it', () => {
    start({ metaPixel: { category: 'analytics' } }, undefined, [vendorSignals]);
    const queue: Calls = [];
    const fbq = Object.assign((...args: unknown[]) => void queue.push(args), { queue });
    w.fbq = fbq;
    expect(w.fbq).toBe(fbq);
    expect(queue).toEqual([['consent', 'revoke']]);
  });

  it('the category option decides; destroy() removes the watch when no base code came', () => {
    const gate = start({ metaPixel: { category: 'analytics' } }, undefined, [vendorSignals]);
    gate.save({ analytics: true });
    expect(Object.getOwnPropertyDescriptor(window, 'fbq')?.set).toBeTypeOf('function');
    gate.destroy();
    expect(Object.getOwnPropertyDescriptor(window, 'fbq')).toBeUndefined();
    // Saved "analytics" grants Meta under this map: a new base code gets "grant" first.
    start({ metaPixel: { category: 'analytics' } }, undefined, [vendorSignals]);
    const n: any = function () {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    w.fbq = n;
    n.queue = [];
    expect(n.queue.map((args: IArguments) => [...args])).toEqual([['consent', 'grant']]);
  });
});

describe('Microsoft and Matomo signals', () => {
  it('follow their own category map', () => {
    const gate = start({ microsoftConsentMode: { map: { analytics: ['ad_storage', 'analytics_storage'] } }, matomo: { category: 'marketing' } }, undefined, [vendorSignals]);
    gate.save({ analytics: true });
    expect(w.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]);
    expect(w.clarity.q.map((args: IArguments) => [...args])).toEqual([
      ['consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }],
      ['consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }],
    ]);
    expect(w._paq).toEqual([['requireConsent'], ['forgetConsentGiven']]);
    gate.save({ marketing: true });
    expect(w._paq.at(-1)).toEqual(['setConsentGiven']);
    expect(w.uetq.slice(-3)).toEqual(['consent', 'update', { ad_storage: 'denied' }]);
  });

  it('keep the queues a page already made', () => {
    const uetq = ['event', 'x', {}];
    const paq = [['setSiteId', '1']];
    const clarity = () => {};
    Object.assign(w, { uetq, _paq: paq, clarity });
    start({ microsoftConsentMode: true, matomo: true }, undefined, [vendorSignals]);
    expect(w.uetq).toBe(uetq);
    expect(w._paq).toBe(paq);
    expect(w.clarity).toBe(clarity);
    expect(paq).toEqual([['setSiteId', '1'], ['requireConsent']]);
  });
});

describe('a broken vendor global', () => {
  it('is reported and stops neither consentgate nor the other vendors', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A page that made these globals something else: no push, a throwing fbq.
    Object.assign(w, { uetq: {}, _paq: 'x' });
    w.fbq = () => {
      throw new Error('pixel broke');
    };
    const gate = start({ microsoftConsentMode: true, metaPixel: true, matomo: true }, undefined, [vendorSignals]);
    expect(() => gate.acceptAll()).not.toThrow();
    expect(gate.has('marketing')).toBe(true);
    // Clarity still got its default and the update.
    expect(w.clarity.q.map((args: IArguments) => [...args][1])).toEqual([
      { ad_Storage: 'denied', analytics_Storage: 'denied' },
      { ad_Storage: 'granted', analytics_Storage: 'granted' },
    ]);
    // uetq default + update, fbq at start + update, _paq require + set: six failures, each reported.
    expect(error.mock.calls.map((c) => c[0])).toEqual(Array(6).fill('consentgate: a vendor consent signal failed'));
    error.mockRestore();
  });
});
