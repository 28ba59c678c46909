// @ts-check
// Look-ups in the Open Cookie Database (data/open-cookie-database.csv, Apache-2.0, see data/README.md).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * What the database says about one cookie or storage key.
 * @typedef {object} KnownCookie
 * @property {string} platform     e.g. "Google Analytics"
 * @property {string} category     the database's category: Functional | Analytics | Marketing | Personalization | Security | Necessary
 * @property {string} description
 * @property {string} retention    as written in the database, e.g. "2 years", "session"
 * @property {string} controller   the data controller named by the database
 * @property {string} entry        the database's name for the entry; ends in `*` for a prefix (wildcard) entry
 */

export const OCD_FILE = new URL('./data/open-cookie-database.csv', import.meta.url);

/**
 * Read the database. Exact names are looked up in a map; wildcard rows (column "Wildcard match" = 1)
 * match any name that starts with their name, the longest such prefix winning.
 * @param {string | URL} [file]
 * @returns {{ size: number, lookup(name: string): KnownCookie | null }}
 */
export function loadOcd(file = OCD_FILE) {
  /** @type {Array<Record<string, string>>} */
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  /** @type {Map<string, KnownCookie>} */
  const exact = new Map();
  /** @type {Array<[string, KnownCookie]>} */
  const prefixes = [];
  for (const row of rows) {
    const name = row['Cookie / Data Key name'] ?? '';
    if (!name) continue;
    const wildcard = row['Wildcard match'] === '1';
    /** @type {KnownCookie} */
    const known = {
      platform: (row.Platform ?? '').trim(),
      category: (row.Category ?? '').trim(),
      description: (row.Description ?? '').trim(),
      retention: (row['Retention period'] ?? '').trim(),
      controller: (row['Data Controller'] ?? '').trim(),
      entry: wildcard ? `${name}*` : name,
    };
    if (wildcard) prefixes.push([name, known]);
    else if (!exact.has(name)) exact.set(name, known); // the first row for a name wins, as upstream orders them
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return {
    size: rows.length,
    lookup(name) {
      const hit = exact.get(name);
      if (hit) return hit;
      for (const [prefix, known] of prefixes) if (name.startsWith(prefix)) return known;
      return null;
    },
  };
}

/** The consentgate category a database category most likely belongs to (a suggestion to review). */
export function suggestCategory(/** @type {string} */ ocdCategory) {
  switch (ocdCategory) {
    case 'Analytics':
      return 'analytics';
    case 'Marketing':
      return 'marketing';
    case 'Personalization':
      return 'preferences';
    default:
      return 'necessary'; // Functional, Security, Necessary
  }
}
