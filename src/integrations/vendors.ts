// Consent signals for Microsoft (UET consent mode and Clarity), the Meta Pixel and Matomo, driven by
// the same decision as Google Consent Mode. Each vendor's snippet comes after consentgate in <head>
// and keeps a queue that its tag reads once loaded; the refused default, or a stored decision, is
// put first in that queue so the tag reads it before its own first hit. Each later decision (in
// this tab or another, a withdrawal, a reset) sends exactly one update per vendor, even when that
// vendor's state did not change: the updates are idempotent and a debugging tool then shows one
// entry per decision. Each tag replaces its queue with its own object once loaded, so every call
// looks the queue up on window again. Only the vendors switched on in the config get signals.
//
// - Microsoft UET consent mode: `uetq.push('consent', 'default' | 'update', { ad_storage })`, a
//   denied default at start, an update for a stored decision and for each later one.
// - Clarity's consent API v2: `clarity('consentv2', { ad_Storage, analytics_Storage })`, values
//   'granted' | 'denied'. Clarity has no default: its queue gets the state in effect at start
//   (denied without a decision), then one call per decision.
// - Meta Pixel: `fbq('consent', 'revoke' | 'grant')`. Meta's base code returns early when `fbq`
//   exists, so consentgate does not define it: it watches window.fbq being assigned, then the base
//   code's `fbq.queue = []`, and puts the consent command first in that queue, before the base
//   code's own `init` and `track`. The function object stays the base code's own (`callMethod`,
//   `queue`, `loaded`, `push`, `version` all as Meta's fbevents.js expects).
// - Matomo: `_paq.push(['requireConsent'])` at start, then `setConsentGiven` for a stored grant and
//   `setConsentGiven` / `forgetConsentGiven` for each later decision. With `cookiesOnly` the
//   `requireCookieConsent` / `setCookieConsentGiven` / `forgetCookieConsentGiven` family instead:
//   Matomo measures without cookies until consent.
import type { Integration } from '../core/integration';
import { granted, grantsSignal } from './grants';

/** The vendors' globals, as their snippets define them. */
type VendorWindow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first time `key` is assigned on `target`, it becomes a plain property again, then `then` sees the value. */
const watch = (target: VendorWindow, key: string, then: (value: any) => unknown): unknown => // eslint-disable-line @typescript-eslint/no-explicit-any
  Object.defineProperty(target, key, {
    configurable: true,
    set(value: unknown) {
      delete target[key];
      then((target[key] = value));
    },
  });

/** A call into a vendor's global, which is not ours: whatever it throws is reported and stops neither consentgate nor the other vendors. */
const call = (vendor: () => unknown): void => {
  try {
    vendor();
  } catch (error) {
    console.error('consentgate: a vendor consent signal failed', error);
  }
};

/** The three vendors, each only when its config key switches it on: put it beside Consent Mode in an entry's integration list. */
export const vendorSignals: Integration = ({ config: { microsoftConsentMode: microsoft, metaPixel: meta, matomo }, _subscribe: subscribe }) => {
  const w = window as VendorWindow;
  const uet = (kind: string, ad: string): void => call(() => (w.uetq ??= []).push('consent', kind, { ad_storage: ad }));
  // requireConsent → requireCookieConsent, setConsentGiven → setCookieConsentGiven, …
  const paq = (verb: string): void => call(() => (w._paq ??= []).push([matomo && matomo.cookiesOnly ? verb.replace('C', 'CookieC') : verb]));
  let verb = 'revoke';
  const fbq = (): void => call(() => typeof w.fbq == 'function' && w.fbq('consent', verb));

  if (microsoft) {
    // The queue function Clarity's snippet defines, which the snippet keeps when it finds one.
    w.clarity ??= function () {
      // eslint-disable-next-line prefer-rest-params
      (w.clarity.q ??= []).push(arguments);
    };
    uet('default', 'denied');
  }
  if (meta && !w.fbq)
    watch(w, 'fbq', (base) =>
      typeof base != 'function' || 'queue' in base
        ? fbq()
        : watch(base, 'queue', (queue: unknown[]) =>
            queue.push(
              // An Arguments object, as the base code queues its own calls.
              (function (..._: unknown[]) {
                // eslint-disable-next-line prefer-rest-params
                return arguments;
              })('consent', verb),
            ),
          ),
    );
  if (matomo) paq('requireConsent');

  const stop = subscribe((record, reason) => {
    const later = reason != 'load';
    if (microsoft) {
      const signal = (name: string): string => (grantsSignal(microsoft.map, record, name) ? 'granted' : 'denied');
      if (record || later) uet('update', signal('ad_storage'));
      call(() => w.clarity('consentv2', { ad_Storage: signal('ad_storage'), analytics_Storage: signal('analytics_storage') }));
    }
    if (meta) {
      verb = granted(record, meta.category) ? 'grant' : 'revoke';
      // At start the verb waits for the base code's queue (a base code gated and released by this
      // very decision runs right after this handler), unless a base code placed before consentgate
      // already ran: its init is then queued already; Meta holds its events while consent is
      // revoked and sends them once granted.
      if (later || w.fbq) fbq();
    }
    if (matomo) {
      const on = granted(record, matomo.category);
      if (on || later) paq(on ? 'setConsentGiven' : 'forgetConsentGiven');
    }
  });
  return () => {
    stop();
    if (meta && !w.fbq) delete w.fbq;
  };
};
