// consentgate for bundlers: createConsentGate and the public types.
export { createConsentGate } from './create';
export { ConsentGateConfigError, resolveConfig } from './core/config';
export type * from './types';
