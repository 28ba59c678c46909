/** Path of the Chromium binary (CHROMIUM_PATH, else /usr/bin/chromium). */
export declare const CHROMIUM_PATH: string;
/** Command-line flags for every launch. */
export declare const CHROMIUM_ARGS: string[];
