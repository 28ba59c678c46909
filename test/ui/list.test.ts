// list() writes "a, b, and c" / "a, b en c" without Intl at start-up; it must
// give exactly what Intl.ListFormat gives for both built-in languages.
import { describe, expect, it } from 'vitest';
import { list } from '../../src/texts/format';

describe('list', () => {
  it.each(['en', 'nl'] as const)('matches Intl.ListFormat in %s for 0 to 6 items', (lang) => {
    const format = new Intl.ListFormat(lang, { type: 'conjunction' });
    const all = ['device type', 'IP address', 'a, b', 'pages visited and items viewed', 'x', 'y'];
    for (let n = 0; n <= all.length; n++) expect(list(all.slice(0, n), lang)).toBe(format.format(all.slice(0, n)));
  });

  it('writes the English serial comma and the Dutch "en"', () => {
    expect(list(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
    expect(list(['A', 'B'], 'en')).toBe('A and B');
    expect(list(['A', 'B', 'C'], 'nl')).toBe('A, B en C');
    expect(list(['A'], 'nl')).toBe('A');
  });
});
