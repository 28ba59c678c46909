// Stage file: the Dutch text pack.
import texts from '../texts/nl';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('nl', texts);
