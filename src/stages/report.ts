// Stages loaded with import() (the ESM builds): one import per stage and page, and a failure
// reported once, like the drop-in does for its script files.

const requests: Record<string, Promise<any>> = {};

/** Imports a stage once; a failure is reported with console.error and handed to whoever waits. */
export const once = <T>(what: string, load: () => Promise<T>): Promise<T> => {
  if (!requests[what]) {
    requests[what] = load().catch((error) => {
      console.error(`consentgate: could not load ${what}`, error);
      throw error;
    });
    // Marked as handled: whoever waits on it hears of the failure.
    requests[what].catch(() => {});
  }
  return requests[what];
};
