// consentgate for bundlers: createConsentGate and the public types.
export { createConsentGate } from './create';
export { ConsentGateConfigError, resolveConfig } from './core/config';
export type {
  CategoryConfig,
  ChangeDetail,
  Config,
  ConsentAction,
  ConsentGate,
  ConsentGateEvents,
  ConsentModeOptions,
  ConsentModeSignal,
  ConsentRecord,
  CookieDeclaration,
  DataPoint,
  EventName,
  Language,
  Localized,
  MatomoOptions,
  MetaPixelOptions,
  MicrosoftConsentModeOptions,
  MicrosoftConsentSignal,
  ResolvedCategory,
  ResolvedConfig,
  Vendor,
  View,
} from './types';
