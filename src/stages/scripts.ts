// The drop-in's stages: classic <script> elements fetched from the folder consentgate.js was
// loaded from (or `assetsUrl`), each registering itself through ConsentGate._stage. Script
// elements, not import(): a CSP nonce and Subresource Integrity apply to them.
// `manifest` (written by the build) gives each stage's SRI hash; the file's name carries the
// same hash (stageFile), so a site can cache it for a year.
import type { StageLoader } from '../core/stages';
import manifest from 'consentgate:manifest';
import { trusted } from '../core/gate';
import { stageFile } from './file-name';

/** What the stage files handed over, by name. */
const arrived: Record<string, any> = {};
/** One request per file and page at a time, whatever asks for it and how often. */
const requests: Record<string, Promise<unknown>> = {};
/** The URLs whose failure to load was reported. */
const reported: Record<string, boolean> = {};

/** The promise, marked as handled: a failure was reported, whoever waits on it hears of it too. */
export const quiet = <T>(promise: Promise<T>): Promise<T> => (promise.catch(() => {}), promise);

/** Called by each stage file as it runs, as `ConsentGate._stage(name, stage)`. */
export const register = (name: string, stage: unknown): void => void (arrived[name] = stage);

/** The private member of window.ConsentGate through which stage files register. */
export interface StageHook {
  _stage: typeof register;
  /** Preact and the shared view helpers, lent by the interface's stage to the dialog's. */
  _lib?: Record<string, unknown>;
}

/**
 * The stages for the core, fetched relative to `script` (the core's own <script>, read at start):
 * they carry its nonce, and its `crossorigin` and, when it had an `integrity`, their own.
 */
export const scriptStages = (script: HTMLScriptElement | null): StageLoader => (config, lang) => {
  const src = script?.src ?? '';
  const base = config.assetsUrl || src.replace(/[^/]*$/, '');
  /**
   * Fetches the file `name` once. It registers a stage under each part of its name (`ui-en`: the
   * interface and the English texts); it resolves with the first.
   */
  const load = (name: string, integrity = manifest[name]!): Promise<any> =>
    (requests[name] ??= quiet(new Promise((resolve, reject) => {
      const element = document.createElement('script');
      const url = base + stageFile(name, integrity);
      const fail = (): void => {
        // 404, blocked by CSP (or by Trusted Types refusing the consentgate policy) or an
        // extension, offline, or an integrity mismatch. Reported once; asked for again (the
        // visitor clicks again, back online), it is fetched again.
        if (!reported[url]) console.error('consentgate: could not load ' + url);
        reported[url] = delete requests[name];
        reject(new Error(url));
      };
      // Under Trusted Types the URL goes through the same consentgate policy as released scripts.
      try {
        element.src = trusted(url, 'src');
      } catch {
        return fail();
      }
      // The nonce attribute reads as "" once parsed (CSP nonce hiding); the property keeps it.
      if (script?.nonce) element.nonce = script.nonce;
      if (script?.integrity) {
        element.integrity = integrity;
        // The browser checks a hash only on a CORS fetch ("" is anonymous): from an assetsUrl on another host, too.
        element.crossOrigin = script.crossOrigin ?? '';
      }
      element.onload = element.onerror = () => {
        const keys = name.split('-');
        if (keys.every((key) => key in arrived)) return resolve(arrived[keys[0]!]);
        fail();
      };
      document.head.appendChild(element);
    })));
  return {
    // The interface and the embed placeholders each come with the page's text pack; the texts
    // are asked for after one of them, and come with the interface when that is on its way.
    _ui: () => load('ui-' + lang),
    // The interface's stage fetches the dialog with the hash it carries (src/stages/ui.ts).
    _load: load,
    _texts: () => (requests['ui-' + lang] ?? load('embeds-' + lang)).then(() => arrived[lang]),
    _embeds: () => load('embeds-' + lang),
    _receipts: () => load('receipts'),
  };
};
