// Stage file: the interface (Preact, the banner, the stylesheet). It also lends Preact and the
// helpers the dialog shares with the banner to the dialog's stage (prefs.ts), which the build
// links to `ConsentGate._lib` instead of carrying them again. The dialog's SRI hash comes with it.
import { h } from 'preact';
import { localize } from '../core/texts';
import { safeUrl } from '../core/url';
import { dataLabel, fill, list } from '../texts/format';
import { preactUI } from '../ui/mount';
import { Buttons, Intro } from '../ui/view';
import manifest from 'consentgate:manifest';
import type { UIFactory } from '../core/ui';
import type { StageHook } from './scripts';

const hook = window.ConsentGate as unknown as StageHook;
hook._lib = { h, localize, safeUrl, dataLabel, fill, list, Buttons, Intro };
// The dialog's file is pinned by the hash built into this file: the core need not carry it.
hook._stage('ui', ((ctx) => preactUI({ ...ctx, _dialog: () => ctx._load!('prefs', manifest.prefs!) })) as UIFactory);
