// The parts of consentgate that a page fetches only when it needs them: the interface, one
// text pack per language, the embed placeholders and the receipt sender. The drop-in loads
// them as classic scripts from its own folder (src/stages/scripts.ts), the ESM build with
// import() (src/stages/modules.ts); unit tests hand them over synchronously.
import type { Language, ResolvedConfig } from '../types';
import type { UIFactory } from './ui';
import type { Integration } from './integration';
import type { Texts } from './texts';
import type { SendReceipts } from '../integrations/outbox';
import type { DialogStage } from '../ui/prefs';

/** A stage that is there now, or on its way. */
export type Awaitable<T> = T | Promise<T>;

export interface Stages {
  /** The banner and the preferences dialog. */
  _ui?(): Awaitable<UIFactory>;
  /** The preferences dialog, asked for by the interface when a visitor first opens it. */
  _dialog?(): Awaitable<DialogStage>;
  /**
   * The drop-in's: fetches the stage file `name` pinned to `integrity` ("sha256-<base64>"). Its
   * interface fetches the dialog with it, with the hash it carries (the core does not carry it).
   */
  _load?(name: string, integrity: string): Promise<any>;
  /** The built-in texts of one language (asked for after `_ui` or `_embeds`, in the same language). */
  _texts?(lang: Language): Awaitable<Readonly<Texts>>;
  /** Click-to-load placeholders for held-back embeds; started like any integration. */
  _embeds?(): Awaitable<Integration>;
  /** Sends the receipts waiting in the outbox. */
  _receipts?(): Awaitable<SendReceipts>;
}

/**
 * The stages for one started instance showing `lang` (the drop-in reads `assetsUrl` from the
 * config, and fetches the interface and the embed placeholders with that language's texts).
 */
export type StageLoader = (config: ResolvedConfig, lang: Language) => Stages;

/**
 * Calls `then` with the stage: at once when it is there, else when it arrives. A stage that
 * fails (its loader already reported it) or a `then` that throws calls `fail`; nothing is thrown.
 */
export const settle = <T>(stage: Awaitable<T>, then: (value: T) => void, fail: (error?: unknown) => void): void => {
  if (stage instanceof Promise) stage.then(then).catch(fail);
  else
    try {
      then(stage);
    } catch (error) {
      fail(error);
    }
};
