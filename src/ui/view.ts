// What every view of the interface receives from mount.ts, and the markup the two views share.
// The views call Preact's h() directly, without JSX: the build then carries only Preact's own
// createElement, not the JSX runtime's second one, and a call is shorter than its JSX output.
import { h } from 'preact';
import type { UIContext } from '../core/ui';
import type { Language } from '../types';
import type { Texts } from '../core/texts';

/** The visitor's intents, wrapped by mount.ts so it can announce and move focus. */
export interface Actions {
  acceptAll(): void;
  rejectAll(): void;
  /** Save the switches as they are in the dialog. */
  save(): void;
  /** Open the preferences dialog. */
  preferences(): void;
  /** Close the dialog without recording anything. */
  close(): void;
  toggle(category: string): void;
}

export interface ViewProps {
  ctx: UIContext;
  t: Texts;
  lang: Language;
  act: Actions;
}

/** The opening text with the privacy statement's link, then the GPC notice when it applies. */
export const Intro = ({ ctx, t }: ViewProps, text: string, id?: string) => {
  const href = ctx._lib._safeUrl(ctx.config.privacyPolicyUrl);
  return [h('p', { id }, text, ' ', href && h('a', { href }, t.privacy)), ctx.gpc && h('p', { class: 'gpc' }, t.gpc)];
};

/**
 * Accept all, Reject all and the third button: one element, one look
 * (EDPB cookie banner taskforce, types D and E). Each is named by the text of the same key.
 * Buttons without a type: a shadow root has no form to submit.
 */
export const Buttons = ({ t, act }: ViewProps, third: 'preferences' | 'save') =>
  h(
    'div',
    { class: 'actions' },
    (['acceptAll', 'rejectAll', third] as const).map((k) => h('button', { onClick: act[k] }, t[k])),
  );
