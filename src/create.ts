import { createCore } from './core/create';
import { consentMode } from './integrations/consent-mode';
import { embeds } from './integrations/embeds';
import { receipts } from './integrations/receipt';
import type { Config, ConsentGate } from './types';
import { onePerPage } from './single';
import { preactUI } from './ui/mount';

/** A new consentgate with the banner, the dialog, Consent Mode, receipts and embed placeholders; started at once when given a config. */
export function createConsentGate(config?: Config): ConsentGate {
  // One instance per page: a second one started beside a running one warns and hands its calls to it.
  const gate = onePerPage(createCore(preactUI, [consentMode, receipts, embeds]));
  if (config) gate.init(config);
  return gate;
}
