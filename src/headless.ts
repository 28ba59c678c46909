// consentgate without any interface (`consentgate/headless`): the decision, the gate, the cookie,
// events and the API, Consent Mode and receipts. Your own interface calls the API's verbs
// (acceptAll, rejectAll, save) and listens to its events.
import { createCore } from './core/create';
import { consentMode } from './integrations/consent-mode';
import { vendorSignals } from './integrations/vendors';
import { receipts } from './integrations/receipt';
import { headlessStages } from './stages/headless';
import { onePerPage } from './single';
import type { Config, ConsentGate } from './types';

/** A new consentgate without banner or dialog; started at once when given a config. */
export function createConsentGate(config?: Config): ConsentGate {
  // One instance per page, as with the drop-in and the full ESM build.
  const gate = onePerPage(createCore(headlessStages, [consentMode, vendorSignals, receipts]));
  if (config) gate.init(config);
  return gate;
}

export { ConsentGateConfigError, resolveConfig } from './core/config';
export type { CategoryConfig, ChangeDetail, Config, ConsentAction, ConsentGate, ConsentGateEvents, ConsentModeOptions, ConsentModeSignal, ConsentRecord, CookieDeclaration, DataPoint, EventName, Language, Localized, ResolvedCategory, ResolvedConfig, Vendor, View, MicrosoftConsentModeOptions, MicrosoftConsentSignal, MetaPixelOptions, MatomoOptions } from './types';
