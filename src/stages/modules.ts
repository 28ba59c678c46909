// The ESM build's stages: dynamic import(), so a bundler splits them off the same way the
// drop-in fetches them (the interface, one text pack per language, embeds, receipt sender).
import type { StageLoader, Stages } from '../core/stages';

/** Reports a stage that failed to load once, like the drop-in, and passes the failure on. */
const report = <T>(what: string, loading: Promise<T>): Promise<T> =>
  loading.catch((error) => {
    console.error(`consentgate: could not load ${what}`, error);
    throw error;
  });

const stages: Stages = {
  _ui: () => report('the interface', import('../ui/mount').then((m) => m.preactUI)),
  _texts: (lang) => report(`the ${lang} texts`, (lang == 'nl' ? import('../texts/nl') : import('../texts/en')).then((m) => m.default)),
  _embeds: () => report('the embed placeholders', import('../integrations/embeds').then((m) => m.embeds)),
  _receipts: () => report('the receipt sender', import('../integrations/receipt-sender').then((m) => m.sendReceipts)),
};

export const moduleStages: StageLoader = () => stages;

/** Headless: no interface and no texts; receipts are still sent. */
export const headlessStages: StageLoader = () => ({ _receipts: stages._receipts });
