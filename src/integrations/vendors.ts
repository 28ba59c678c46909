// Consent signals for Microsoft (UET consent mode and Clarity), the Meta Pixel and Matomo, driven by
// the same decision as Google Consent Mode. Each vendor's snippet comes after consentgate in <head>
// and keeps a queue that its tag reads once loaded; the refused default, or a stored decision, is
// put first in that queue so the tag reads it before its own first hit. Each later decision (in
// this tab or another, a withdrawal, a reset) sends exactly one update per vendor, even when that
// vendor's state did not change: the updates are idempotent and a debugging tool then shows one
// entry per decision. Each tag replaces its queue with its own object once loaded, so every call
// looks the queue up on window again.
import type { Integration } from '../core/integration';
import { granted, grantsSignal } from './grants';

/** The vendors' globals, as their snippets define them. */
type VendorWindow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Queue = (...args: unknown[]) => void;

const state = (on: boolean): 'granted' | 'denied' => (on ? 'granted' : 'denied');
/** A call into a vendor's global, which is not ours: whatever it throws is reported and stops neither consentgate nor the other vendors. */
const guard =
  <A extends unknown[]>(call: (...args: A) => unknown) =>
  (...args: A): void => {
    try {
      call(...args);
    } catch (error) {
      console.error('consentgate: a vendor consent signal failed', error);
    }
  };
const none = (): void => {};
/** The first time `key` is assigned on `target`, it becomes a plain property again, then `then` sees the value. */
const watch = (target: VendorWindow, key: string, then: (value: any) => unknown): unknown => // eslint-disable-line @typescript-eslint/no-explicit-any
  Object.defineProperty(target, key, {
    configurable: true,
    set(value: unknown) {
      delete target[key];
      then((target[key] = value));
    },
  });

/**
 * Microsoft UET consent mode (`uetq.push('consent', 'default' | 'update', { ad_storage })`) and
 * Clarity's consent API v2 (`clarity('consentv2', { ad_Storage, analytics_Storage })`, values
 * 'granted' | 'denied'). UET: a denied default at start, an update for a stored decision and for
 * each later one. Clarity has no default: its queue gets the state in effect at start (denied
 * without a decision), then one call per decision.
 */
export const microsoftConsentMode: Integration = ({ config, _subscribe: subscribe }) => {
  const options = config.microsoftConsentMode;
  if (!options) return none;
  const w = window as VendorWindow;
  const uet = guard((kind: string, ad: string) => (w.uetq ??= []).push('consent', kind, { ad_storage: ad }));
  const clarity = guard((values: object) => (w.clarity as Queue)('consentv2', values));
  // The queue function Clarity's snippet defines, which the snippet keeps when it finds one.
  w.clarity ??= function () {
    // eslint-disable-next-line prefer-rest-params
    (w.clarity.q ??= []).push(arguments);
  };
  uet('default', 'denied');
  return subscribe((record, reason) => {
    const signal = (name: string): 'granted' | 'denied' => state(grantsSignal(options.map, record, name));
    if (record || reason != 'load') uet('update', signal('ad_storage'));
    clarity({ ad_Storage: signal('ad_storage'), analytics_Storage: signal('analytics_storage') });
  });
};

/**
 * Meta Pixel: `fbq('consent', 'revoke' | 'grant')`. Meta's base code returns early when `fbq`
 * exists, so consentgate does not define it: it watches window.fbq being assigned, then the base
 * code's `fbq.queue = []`, and puts the consent command first in that queue, before the base code's
 * own `init` and `track`. The function object stays the base code's own (`callMethod`, `queue`,
 * `loaded`, `push`, `version` all as Meta's fbevents.js expects).
 */
export const metaPixel: Integration = ({ config, _subscribe: subscribe }) => {
  const options = config.metaPixel;
  if (!options) return none;
  const w = window as VendorWindow;
  let verb = 'revoke';
  const send = guard(() => typeof w.fbq == 'function' && w.fbq('consent', verb));
  if (!w.fbq)
    watch(w, 'fbq', (fbq) => {
      if (typeof fbq != 'function' || 'queue' in fbq) return send();
      watch(fbq, 'queue', (queue: unknown[]) =>
        queue.push(
          // An Arguments object, as the base code queues its own calls.
          (function (..._: unknown[]) {
            // eslint-disable-next-line prefer-rest-params
            return arguments;
          })('consent', verb),
        ),
      );
    });
  const stop = subscribe((record, reason) => {
    verb = granted(record, options.category) ? 'grant' : 'revoke';
    // At start the verb waits for the base code's queue (a base code gated and released by this
    // very decision runs right after this handler), unless a base code placed before consentgate
    // already ran: its init is then queued already; Meta holds its events while consent is
    // revoked and sends them once granted.
    if (reason != 'load' || w.fbq) send();
  });
  return () => {
    stop();
    if (!w.fbq) delete w.fbq;
  };
};

/**
 * Matomo: `_paq.push(['requireConsent'])` at start, then `setConsentGiven` for a stored grant and
 * `setConsentGiven` / `forgetConsentGiven` for each later decision. With `cookiesOnly` the
 * `requireCookieConsent` / `setCookieConsentGiven` / `forgetCookieConsentGiven` family instead:
 * Matomo measures without cookies until consent.
 */
export const matomo: Integration = ({ config, _subscribe: subscribe }) => {
  const options = config.matomo;
  if (!options) return none;
  const w = window as VendorWindow;
  // requireConsent → requireCookieConsent, setConsentGiven → setCookieConsentGiven, …
  const paq = guard((verb: string) => (w._paq ??= []).push([verb.replace('C', options.cookiesOnly ? 'CookieC' : 'C')]));
  paq('requireConsent');
  return subscribe((record, reason) => {
    const on = granted(record, options.category);
    if (on || reason != 'load') paq(on ? 'setConsentGiven' : 'forgetConsentGiven');
  });
};

/** The three, in the order they are started: put them beside Consent Mode in an entry's integration list. */
export const vendorSignals: Integration[] = [microsoftConsentMode, metaPixel, matomo];
