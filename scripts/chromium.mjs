// The one place that says how this repository starts Chromium: the system browser from Debian's
// package (CHROMIUM_PATH overrides it) with flags for a headless run on a machine without a GPU,
// a sandbox or the internet. The browser tests, the bench, the profiler and the screenshot check
// use it. (The scanner is a package of its own and keeps its own flags.)

/** Path of the Chromium binary. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Command-line flags for every launch. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
