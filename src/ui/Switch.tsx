// A category toggle per the ARIA switch pattern: a native button (so Space and
// Enter work everywhere) with role="switch", named by the category heading and
// described by its description. The state is also written out ("On"/"Off"), not
// shown by colour alone (WCAG 1.4.1).
import type { Texts } from './i18n';

interface SwitchProps {
  checked: boolean;
  /** Required categories: on, disabled, "Always active". */
  required: boolean;
  labelledBy: string;
  describedBy: string | undefined;
  t: Texts;
  onToggle(): void;
}

export const Switch = ({ checked, required, labelledBy, describedBy, t, onToggle }: SwitchProps) => (
  <button
    type="button"
    role="switch"
    aria-checked={checked}
    aria-labelledby={labelledBy}
    aria-describedby={describedBy}
    disabled={required}
    onClick={onToggle}
  >
    <span class="track" aria-hidden="true" />
    {required ? t.alwaysActive : checked ? t.on : t.off}
  </button>
);
