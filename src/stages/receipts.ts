// Stage file: the receipt sender.
import { sendReceipts } from '../integrations/receipt-sender';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('receipts', sendReceipts);
