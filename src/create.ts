import { createCore } from './core/create';
import { consentMode } from './integrations/consent-mode';
import { embeds } from './integrations/embeds';
import { receipts } from './integrations/receipt';
import { vendorSignals } from './integrations/vendors';
import type { Config, ConsentGate } from './types';
import { preactUI } from './ui/mount';

/** A new consentgate with the banner, the dialog, Consent Mode and the vendors' consent signals, receipts and embed placeholders; started at once when given a config. */
export function createConsentGate(config?: Config): ConsentGate {
  const gate = createCore(preactUI, [consentMode, ...vendorSignals, receipts, embeds]);
  if (config) gate.init(config);
  return gate;
}
