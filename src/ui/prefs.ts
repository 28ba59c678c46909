// The preferences dialog as a stage of its own: the banner's stage (mount.ts) fetches it when a
// visitor first opens the preferences, so a first visit loads only what the first layer needs.
import css from './dialog.css?inline';
import { inertPage } from './dialog';
import { Preferences } from './Preferences';

/** What the dialog's stage hands to the interface. */
export interface DialogStage {
  /** The dialog's view. */
  _view: typeof Preferences;
  /** Makes the page behind the open dialog inert; returns the undo. */
  _inert: typeof inertPage;
  /** The dialog's own rules, added after the interface's sheet (src/ui/sheet.ts). */
  _css: string;
}

export const dialog: DialogStage = { _view: Preferences, _inert: inertPage, _css: css };
