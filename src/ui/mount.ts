// The Preact user interface as a UIFactory: the only file that calls render(). It is
// fetched when a page needs it (the banner, or the preferences), and renders into the
// shadow root the core made (which already holds the reopen button).
// The core owns the state; this file keeps what is purely visual (the switches
// while the dialog is open, the status message, who had focus) and turns
// update() calls into renders. No hooks: one render per change keeps it small.
import { h, render } from 'preact';
import type { UIContext, UIFactory, UIState } from '../core/ui';
import type { ConsentRecord } from '../types';
import { Banner, firstLayerText } from './Banner';
import { deepActiveElement } from './dialog';
import type { DialogStage } from './prefs';
import { addDialogStyles, adoptStyles } from './sheet';
import { reportShown } from '../integrations/shown';
import type { Actions } from './view';

/** The switches shown when the dialog opens: the current decision, else only required ones on. */
const initialChoices = (ctx: UIContext, record: ConsentRecord | null): Record<string, boolean> =>
  Object.fromEntries(ctx.config.categories.map((c) => [c.key, c.required || !!record?.categories[c.key]]));

export const preactUI: UIFactory = (ctx) => {
  const { _lang: lang, _root: root } = ctx;
  // The texts as the core resolved them, plus the composed first-layer text, so that a receipt proves the whole wording.
  const t = { ...ctx._texts };
  t['banner.shown'] = firstLayerText(ctx, t, lang);
  const host = root.host as HTMLElement;
  const style = document.documentElement.style;
  const { scrollPaddingBottom: scrollPadding, paddingBottom: padding } = style;

  adoptStyles(root);
  // Preact renders into its own element, before the core's reopen button, so it never touches the fallback <style>.
  const app = document.createElement('div');
  root.insertBefore(app, root.querySelector('[aria-haspopup]'));

  let state: UIState = { view: null, record: null };
  // The dialog's stage, once it arrived (it is fetched when the preferences first open).
  let dialog: DialogStage | null = null;
  let choices: Record<string, boolean> = {};
  let message = '';
  let opener: HTMLElement | null = null;
  let restorePage: (() => void) | null = null;
  let observed: Element | null = null;
  // Focus was inside a view that closed and had nowhere to go yet (the core
  // closes the view first and brings the new decision, with the reopen button, next).
  let focusLost = false;
  // The first layer was shown on this page view (and counted by the consent log).
  let counted = false;

  // Room at the end of the page under the banner, added once a page element takes focus.
  let padded = false;

  // WCAG 2.4.11 (technique C43): the fixed banner must not hide the focused page
  // element, so the page scrolls focus targets clear of the banner's height...
  const fit = () => {
    const height = (observed as HTMLElement | null)?.offsetHeight;
    style.scrollPaddingBottom = height ? height + 'px' : scrollPadding;
    if (padded) style.paddingBottom = height ? height + 'px' : padding;
    padded &&= !!height;
  };
  const resizes = typeof ResizeObserver == 'function' ? new ResizeObserver(fit) : null;
  // ...and the last elements of a page need room to scroll up into: that padding
  // is added only when the page gets focus, so it never shifts a page nobody touched.
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as HTMLElement;
    const banner = observed as HTMLElement | null;
    // (Without ResizeObserver nothing is observed: no banner here.)
    if (!banner?.offsetHeight || target == host || padded) return;
    padded = true;
    fit();
    if (target.getBoundingClientRect().bottom > banner.getBoundingClientRect().top) target.scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('focusin', onFocusIn);
  // A popover the page opens while the banner or the dialog is open goes on top of ours in the
  // top layer (the last one in is drawn above): on each toggle of a page popover, ours goes back
  // in after it, so the visitor can still see and answer it. 'toggle' does not bubble: heard
  // while it captures. Not after a page's modal <dialog>: everything outside it is inert (HTML §
  // blocked by a modal dialog), so ours on top would only cover it without being usable.
  // Only when a page popover opens, and at most a few times per open view: a page script that
  // does the same for its own popover would otherwise trade places with ours without end.
  let raised = 0;
  const onToggle = (event: Event) => {
    const target = event.target as HTMLElement;
    if (state.view && target != host && target.popover && (event as ToggleEvent).newState == 'open' && raised++ < 5) {
      host.hidePopover();
      host.showPopover();
    }
  };
  document.addEventListener('toggle', onToggle, true);

  const decide = (intent: () => void) => () => {
    message = t.saved!;
    intent();
  };
  const act: Actions = {
    acceptAll: decide(ctx.acceptAll),
    rejectAll: decide(ctx.rejectAll),
    save: decide(() => ctx.save({ ...choices })),
    preferences: ctx.showPreferences,
    close: ctx.hide,
    toggle: (key) => {
      choices = { ...choices, [key]: !choices[key] };
      draw();
    },
  };

  const draw = () => {
    const { view, record } = state;
    const props = { ctx, t, lang, act };
    render(
      [
        // Until the dialog has arrived, the banner stays as it was.
        (view == 'banner' || (view && !record)) && Banner({ ...props, hidden: view != 'banner' && !!dialog }),
        view == 'preferences' && dialog?._view({ ...props, choices, record }),
        h('p', { role: 'status' }, message),
      ],
      app,
    );
    const banner = app.querySelector('.banner');
    if (resizes && banner != observed) {
      if (observed) resizes.unobserve(observed);
      observed = banner;
      if (banner) resizes.observe(banner);
      else fit();
    }
  };

  /**
   * Focus the reopen button if there is one; remember when there is not (yet). At once, in the
   * task that closed the view (the core showed the button before this update): focus never rests
   * on <body> in between (WCAG 2.4.3), which a screen reader announces and where Tab starts over.
   * Only if focus is lost.
   */
  const focusReopen = () => {
    const reopen = root.querySelector<HTMLElement>('[aria-haspopup]:not([hidden])');
    const focused = root.activeElement ?? document.activeElement;
    if (focused && focused != document.body) return;
    reopen?.focus();
    focusLost = !reopen;
  };

  return {
    _update(next) {
      const prev = state.view;
      if (next.view != prev) raised = 0;
      // The consent rate's denominator: the log counts each display of the first layer (once per page view).
      if (next.view == 'banner' && !counted) {
        counted = true;
        reportShown(ctx.config.logEndpoint, ctx.config.revision, lang);
      }
      const hadFocus = !!root.activeElement;
      const lost = focusLost && document.activeElement == document.body;
      focusLost = false;
      const opening = next.view == 'preferences' && prev != 'preferences';
      if (opening) {
        opener = deepActiveElement();
        choices = initialChoices(ctx, next.record);
      }
      if (next.view) message = '';
      state = next;
      draw();
      if (opening)
        // The dialog opens when its stage is there (at once after the first time). If this view
        // was left or replaced meanwhile, nothing opens; if the stage failed (the loader reported
        // it), the view closes and the banner or the reopen button stays usable.
        ctx._lib._settle(
          dialog ?? ctx._dialog(),
          (arrived) => {
            if (state.view != 'preferences' || restorePage) return;
            if (!dialog) addDialogStyles(root, arrived._css);
            dialog = arrived;
            draw();
            restorePage = arrived._inert(host);
            app.querySelector<HTMLElement>('#cg-pt')?.focus();
          },
          () => state.view == 'preferences' && !restorePage && ctx.hide(),
        );
      else if (prev == 'preferences' && next.view != 'preferences') {
        restorePage?.();
        restorePage = null;
        // APG: focus goes back to what opened the dialog; if that is gone, to the reopen button.
        if (opener?.isConnected && opener != document.body) opener.focus();
        else focusReopen();
      } else if ((hadFocus && !root.activeElement) || lost) focusReopen();
    },
    _shown: () => ({ language: lang, strings: { ...t } }),
    _destroy() {
      restorePage?.();
      resizes?.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('toggle', onToggle, true);
      observed = null;
      fit();
      render(null, app);
      app.remove();
    },
  };
};
