// After a decision: one small, always-visible way back to the choices, in the
// same place on every page (EDPB cookie banner taskforce, type I; WCAG 3.2.3).
import type { Texts } from './i18n';

export const ReopenButton = ({ t, open, hidden }: { t: Texts; open(): void; hidden: boolean }) => (
  <button type="button" aria-haspopup="dialog" hidden={hidden} onClick={open}>
    {t.reopen}
  </button>
);
