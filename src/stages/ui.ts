// Stage file: the interface (Preact, the banner, the stylesheet). It also lends Preact and the
// helpers the dialog shares with the banner to the dialog's stage (prefs.ts), which the build
// links to `ConsentGate._lib` instead of carrying them again (the `_` names are shortened alike
// in both files). The dialog's SRI hash comes with it.
import { h } from 'preact';
import { dataLabel, fill, list } from '../texts/format';
import { preactUI } from '../ui/mount';
import { Buttons, Intro } from '../ui/view';
import manifest from 'consentgate:manifest';
import type { UIFactory } from '../core/ui';
import type { StageHook } from './scripts';

/** What the interface's stage lends to the dialog's, by the name each is imported under with `_` before it. */
export const lent = { _h: h, _dataLabel: dataLabel, _fill: fill, _list: list, _Buttons: Buttons, _Intro: Intro };

const hook = window.ConsentGate as unknown as StageHook;
// Not enumerable, like `_stage`: the members a page sees on window.ConsentGate stay those of the
// contract. Writable: the interface's file of another language may run after a destroy() and init().
Object.defineProperty(hook, '_lib', { value: lent, writable: true });
// The dialog's file is pinned by the hash built into this file: the core need not carry it.
hook._stage('ui', ((ctx) => preactUI({ ...ctx, _dialog: () => ctx._load!('prefs', manifest.prefs!) })) as UIFactory);
