// Global Privacy Control (W3C draft): the browser's standing "do not sell or share" signal.
// Exposed to scripts as navigator.globalPrivacyControl and to servers as the header Sec-GPC: 1.
export const gpcSignal = (): boolean => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

/** The category that GPC keeps off under "Accept all": the one that shares data with third parties. */
export const GPC_CATEGORY = 'marketing';
