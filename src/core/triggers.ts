// Triggers: any element with data-consentgate="…" runs an API verb when clicked. One delegated
// listener on the document, so elements added later work too.
import type { ConsentGate } from '../types';
import { listen } from './listen';
import { own } from './record';

/** data-consentgate="…" → the API verb a click on it runs. */
const TRIGGERS: Record<string, unknown> = { preferences: 'showPreferences', banner: 'show', 'accept-all': 'acceptAll', 'reject-all': 'rejectAll', reset: 'reset' };

export const triggers = (stop: Array<() => void>, api: ConsentGate): void =>
  listen(stop, document, 'click', (event) => {
    const target = event.target instanceof Element && event.target.closest('[data-consentgate]');
    const verb = target && own(TRIGGERS, target.getAttribute('data-consentgate')!);
    if (typeof verb != 'string') return;
    // A trigger is often a link (<a href="#">): do not follow it.
    event.preventDefault();
    (api[verb as 'show'] as () => void)();
  });
