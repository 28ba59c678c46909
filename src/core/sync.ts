// Cross-tab sync. The consent cookie is shared by the site's tabs; when one decides, the others
// read it again. BroadcastChannel tells them at once; where it is missing, or refused (an opaque
// origin such as a sandboxed frame), a tab that comes back into view checks the cookie.
import { listen } from './listen';

/** Calls `changed` when another tab may have decided; returns the function that tells the other tabs. */
export const tabSync = (stop: Array<() => void>, changed: () => void): (() => void) => {
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel('consentgate');
    channel.onmessage = changed;
    stop.push(() => channel!.close());
  } catch {
    // visibilitychange still syncs.
  }
  listen(stop, document, 'visibilitychange', () => document.visibilityState == 'visible' && changed());
  return () => channel?.postMessage(1);
};
