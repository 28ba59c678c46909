// Stage file: the English text pack.
import texts from '../texts/en';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('en', texts);
