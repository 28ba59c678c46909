/** Add a listener and keep, in `stop`, the function that removes it. */
export const listen = (stop: Array<() => void>, target: EventTarget, type: string, listener: (event: Event) => void): void => {
  target.addEventListener(type, listener);
  stop.push(() => target.removeEventListener(type, listener));
};
