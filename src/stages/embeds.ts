// Stage file: the embed placeholders.
import { embeds } from '../integrations/embeds';
import type { StageHook } from './scripts';

(window.ConsentGate as unknown as StageHook)._stage('embeds', embeds);
