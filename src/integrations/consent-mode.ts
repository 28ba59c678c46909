// Google Consent Mode v2. Started by init(), which a <head> script runs before any Google tag:
// every signal is set to its default (denied, but security_storage), a stored decision is
// applied with an update right after, and each later decision sends exactly one update.
import { SIGNALS } from '../core/config';
import type { Integration } from '../core/integration';
import { grantsSignal } from './grants';
import type { ConsentModeSignal, ConsentRecord } from '../types';

type Gtag = (...args: unknown[]) => void;
type State = Partial<Record<ConsentModeSignal, 'granted' | 'denied'>>;
interface GoogleWindow {
  dataLayer?: unknown[];
  gtag?: Gtag;
}

export const consentMode: Integration = ({ config, _subscribe: subscribe }) => {
  const options = config.googleConsentMode;
  if (!options) return () => {};
  const w = window as unknown as GoogleWindow;
  const dataLayer = (w.dataLayer ??= []);
  // The same function Google's snippet defines: gtag.js reads Arguments objects, not arrays.
  const gtag: Gtag = (w.gtag ??= function () {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  });
  const state = (granted: (signal: ConsentModeSignal) => boolean): State =>
    Object.fromEntries(SIGNALS.map((s) => [s, s === 'security_storage' || granted(s) ? 'granted' : 'denied']));
  const fromRecord = (record: ConsentRecord | null): State =>
    state((s) => grantsSignal(options.map, record, s));

  // Google: consent values are unset until a default is given, so give all seven.
  gtag('consent', 'default', { ...state(() => false), wait_for_update: 500 });
  for (const { region, granted } of options.regions) gtag('consent', 'default', { ...state((s) => granted.includes(s)), region, wait_for_update: 500 });
  if (options.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (options.urlPassthrough) gtag('set', 'url_passthrough', true);

  return subscribe((record, reason) => {
    // With no decision stored, the defaults already say everything.
    if (reason === 'load' && !record) return;
    gtag('consent', 'update', fromRecord(record));
    dataLayer.push({ event: 'consentgate_update', consentgate: { ...record?.categories }, consentgate_action: record?.action ?? 'reset' });
  });
};
