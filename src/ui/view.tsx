// What every view of the interface receives from mount.tsx, and the markup the two views share.
import type { UIContext } from '../core/ui';
import type { Language } from '../types';
import type { Texts } from '../core/texts';
import { safeUrl } from '../core/url';

/** The visitor's intents, wrapped by mount.tsx so it can announce and move focus. */
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
  const href = safeUrl(ctx.config.privacyPolicyUrl);
  return (
    <>
      <p id={id}>
        {text} {href && <a href={href}>{t.privacy}</a>}
      </p>
      {ctx.gpc && <p class="gpc">{t.gpc}</p>}
    </>
  );
};

/**
 * Accept all, Reject all and the third button: one element, one look
 * (EDPB cookie banner taskforce, types D and E). Each is named by the text of the same key.
 * Buttons without a type: a shadow root has no form to submit.
 */
export const Buttons = ({ t, act }: ViewProps, third: 'preferences' | 'save') => (
  <div class="actions">
    {(['acceptAll', 'rejectAll', third] as const).map((k) => (
      <button onClick={act[k]}>{t[k]}</button>
    ))}
  </div>
);
