// The small "Cookie settings" button after a decision (the core's, shown with the interface's views).
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { makeConfig, makeRecord, nextFrame, setup } from './helpers';

let current: ReturnType<typeof setup> | undefined;
const mount = (...args: Parameters<typeof setup>) => (current = setup(...args));
afterEach(() => {
  current?.ui._destroy();
  current = undefined;
  document.body.innerHTML = '';
});
const record = makeRecord(makeConfig(), { analytics: true });

describe('reopen button', () => {
  it('is not there before a decision', () => {
    const { view } = mount();
    expect(view.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  });

  it('appears after a decision on the first layer and opens the dialog', () => {
    const { view, ctx } = mount();
    fireEvent.click(view.getByRole('button', { name: 'Accept all' }));
    expect(view.queryByRole('region', { name: 'Cookie consent' })).toBeNull();
    const reopen = view.getByRole('button', { name: 'Cookie settings' });
    expect(reopen.getAttribute('aria-haspopup')).toBe('dialog');
    fireEvent.click(reopen);
    expect(ctx.showPreferences).toHaveBeenCalledTimes(1);
    view.getByRole('dialog', { name: 'Cookie preferences' });
    expect(view.queryByRole('button', { name: 'Cookie settings' })).toBeNull(); // hidden while the dialog is open
  });

  it('is called "Cookie-instellingen" in Dutch', () => {
    const { view } = mount({ record, config: { language: 'nl' } });
    view.getByRole('button', { name: 'Cookie-instellingen' });
  });

  it('is left out when reopenButton is false', () => {
    const { view } = mount({ record, config: { reopenButton: false } });
    expect(view.queryAllByRole('button')).toHaveLength(0);
  });

  it('gets focus back when the dialog it opened closes', () => {
    const { view, root } = mount({ record });
    const reopen = view.getByRole('button', { name: 'Cookie settings' });
    reopen.focus();
    fireEvent.click(reopen);
    fireEvent.keyDown(view.getByRole('dialog'), { key: 'Escape' });
    expect(root.activeElement).toBe(reopen);
  });

  it('moves focus to itself after a choice made on the first layer, so focus is not lost', async () => {
    const { view, root } = mount();
    view.getByRole('button', { name: 'Reject all' }).focus();
    fireEvent.click(view.getByRole('button', { name: 'Reject all' }));
    await nextFrame();
    expect(root.activeElement).toBe(view.getByRole('button', { name: 'Cookie settings' }));
  });

  it('does not take focus from the page when the core closes the banner on its own', async () => {
    document.body.insertAdjacentHTML('afterbegin', '<input aria-label="search">');
    const { ui, root } = mount();
    const input = document.querySelector('input')!;
    input.focus();
    ui._update({ view: null, record }); // e.g. a decision made in another tab
    await nextFrame();
    expect(document.activeElement).toBe(input);
    expect(root.activeElement).toBeNull();
  });
});

describe('banner reopened by show()', () => {
  it('shows the first layer again over an existing decision, without the reopen button', () => {
    const { set, view } = mount({ record });
    set('banner');
    view.getByRole('region', { name: 'Cookie consent' });
    expect(view.queryByRole('button', { name: 'Cookie settings' })).toBeNull();
  });
});
