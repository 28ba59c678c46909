// Shared set-up for unit tests of the core in jsdom.
import { afterEach } from 'vitest';
import { createCore } from '../../src/core/create';
import type { Integration } from '../../src/core/integration';
import type { Stages } from '../../src/core/stages';
import en from '../../src/texts/en';
import nl from '../../src/texts/nl';
import type { UIFactory } from '../../src/core/ui';
import type { Config, ConsentGate } from '../../src/types';

/** The built-in text packs, as the drop-in fetches them. */
export const packs = { en, nl };

export const config: Config = {
  categories: {
    necessary: {},
    preferences: {},
    analytics: { cookies: [{ name: '_ga' }, { match: '^_ga_.+$' }] },
    marketing: { cookies: [{ name: '_fbp' }] },
  },
};

const live: ConsentGate[] = [];

/**
 * A started instance (no UI unless given), destroyed after the test. Its stages (the text
 * packs, `ui`, and any in `stages`) are handed over at once, as if they had already arrived.
 */
export function start(overrides: Partial<Config> = {}, ui?: UIFactory, integrations: Integration[] = [], stages: Stages = {}): ConsentGate {
  const gate = createCore(() => ({ _texts: (lang) => packs[lang], ...(ui && { _ui: () => ui }), ...stages }), integrations);
  gate.init({ ...config, ...overrides });
  live.push(gate);
  return gate;
}

export function clearCookies(): void {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]!.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

afterEach(() => {
  while (live.length) live.pop()!.destroy();
  clearCookies();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

export const cookieNames = (): string[] =>
  document.cookie
    .split(';')
    .map((c) => c.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();

export const consentValue = (): string | undefined =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith('consentgate='))
    ?.slice('consentgate='.length);
