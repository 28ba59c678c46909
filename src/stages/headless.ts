// The headless build's one stage: the receipt sender (no interface, no texts).
import type { StageLoader } from '../core/stages';
import { once } from './report';

export const headlessStages: StageLoader = () => ({
  _receipts: () => once('the receipt sender', () => import('../integrations/receipt-sender').then((m) => m.sendReceipts)),
});
