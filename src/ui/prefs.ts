// The preferences dialog as a stage of its own: the banner's stage (mount.ts) fetches it when a
// visitor first opens the preferences, so a first visit loads only what the first layer needs.
import { inertPage } from './dialog';
import { Preferences } from './Preferences';

/** What the dialog's stage hands to the interface. */
export interface DialogStage {
  /** The dialog's view. */
  _view: typeof Preferences;
  /** Makes the page behind the open dialog inert; returns the undo. */
  _inert: typeof inertPage;
}

export const dialog: DialogStage = { _view: Preferences, _inert: inertPage };
