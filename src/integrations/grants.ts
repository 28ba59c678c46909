// "Does this decision grant that?", shared by Consent Mode and the vendors' consent signals.
import type { ConsentRecord } from '../types';

/** True when a decision is in effect and grants `category`. */
export const granted = (record: ConsentRecord | null, category: string): boolean => record?.categories[category] === true;

/** True when the decision grants a category that `map` (category → signal names) gives `signal`. */
export const grantsSignal = (map: Readonly<Record<string, readonly string[]>>, record: ConsentRecord | null, signal: string): boolean =>
  Object.entries(map).some(([category, signals]) => granted(record, category) && signals.includes(signal));
