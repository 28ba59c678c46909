// Stage file: the preferences dialog. Preact and the helpers the dialog shares with the banner are
// not in it: the build takes them from the interface's stage (ui.ts), which is always there first.
import { dialog } from '../ui/prefs';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('prefs', dialog);
