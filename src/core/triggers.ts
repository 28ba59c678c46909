// One delegated click listener for every element with data-consentgate="…", present or added later.
export type TriggerAction = 'preferences' | 'banner' | 'accept-all' | 'reject-all' | 'reset';

const ACTIONS: readonly string[] = ['preferences', 'banner', 'accept-all', 'reject-all', 'reset'];

/** Returns the function that removes the listener. */
export function listenForTriggers(run: (action: TriggerAction) => void): () => void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target.closest('[data-consentgate]') : null;
    const action = target?.getAttribute('data-consentgate');
    if (!action || !ACTIONS.includes(action)) return;
    // A trigger is often a link (<a href="#">): do not follow it.
    event.preventDefault();
    run(action as TriggerAction);
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
