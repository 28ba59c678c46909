import { createCore } from './core/create';
import { consentMode } from './integrations/consent-mode';
import { embedsOnDemand } from './integrations/embeds-on-demand';
import { receipts } from './integrations/receipt';
import { vendorSignals } from './integrations/vendors';
import { moduleStages } from './stages/modules';
import type { Config, ConsentGate } from './types';
import { onePerPage } from './single';

/**
 * A new consentgate with the banner, the dialog, Consent Mode and the vendors' consent signals, receipts and embed placeholders;
 * started at once when given a config. The interface, the texts, the embed placeholders and the
 * receipt sender are imported when a page needs them (dynamic import(): separate chunks).
 */
export function createConsentGate(config?: Config): ConsentGate {
  // One instance per page: a second one started beside a running one warns and hands its calls to it.
  const gate = onePerPage(createCore(moduleStages, [consentMode, vendorSignals, receipts, embedsOnDemand]));
  if (config) gate.init(config);
  return gate;
}
