// The ESM build's stages: dynamic import(), so a bundler splits them off the same way the
// drop-in fetches them (the interface, one text pack per language, embeds, receipt sender).
import type { StageLoader, Stages } from '../core/stages';
import { once } from './report';

const stages: Stages = {
  _ui: () => once('the interface', () => import('../ui/mount').then((m) => m.preactUI)),
  _dialog: () => once('the preferences dialog', () => import('../ui/prefs').then((m) => m.dialog)),
  _texts: (lang) => once(`the ${lang} texts`, () => (lang == 'nl' ? import('../texts/nl') : import('../texts/en')).then((m) => m.default)),
  _embeds: () => once('the embed placeholders', () => import('../integrations/embeds').then((m) => m.embeds)),
  _receipts: () => once('the receipt sender', () => import('../integrations/receipt-sender').then((m) => m.sendReceipts)),
};

export const moduleStages: StageLoader = () => stages;
