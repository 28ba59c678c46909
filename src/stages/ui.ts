// Stage file: the interface (Preact, banner, dialog, stylesheet).
import { preactUI } from '../ui/mount';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('ui', preactUI);
