// In the core: the embed placeholders are fetched (with the text pack) only when the page has
// a held-back iframe that names its provider; until they arrive the iframe simply stays held back.
import type { Integration } from '../core/integration';
import { settle } from '../core/stages';

export const embedsOnDemand: Integration = (context) => {
  const load = context._stages._embeds;
  let handler: ((element: Element) => void) | undefined;
  let held: Element[] = [];
  let stop = (): void => {};
  let active = true;
  context._onBlocked((element) => {
    if (handler) return handler(element);
    if (!load || !element.matches('iframe[data-provider]') || held.push(element) > 1) return;
    settle(
      load(),
      (start) =>
        context._withTexts(() => {
          if (!active) return;
          stop = start({ ...context, _onBlocked: (h) => void (handler = h) });
          for (const frame of held) handler?.(frame);
          held = [];
        }),
      () => {},
    );
  });
  return () => {
    active = false;
    stop();
  };
};
