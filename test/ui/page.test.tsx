// What the interface does to the page around it: scroll padding for the fixed
// banner (WCAG 2.4.11, technique C43), and a clean page after destroy().
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
});

/** A ResizeObserver stand-in that lets the test say when sizes change. */
const fakeResizeObserver = () => {
  const observers: Array<{ callback: () => void; targets: Set<Element> }> = [];
  vi.stubGlobal(
    'ResizeObserver',
    class {
      targets = new Set<Element>();
      constructor(public callback: () => void) {
        observers.push(this);
      }
      observe(el: Element) {
        this.targets.add(el);
      }
      unobserve(el: Element) {
        this.targets.delete(el);
      }
      disconnect() {
        this.targets.clear();
      }
    },
  );
  return {
    observed: () => observers.flatMap((o) => [...o.targets]),
    resize: () => observers.forEach((o) => o.targets.size && o.callback()),
  };
};

describe('scroll padding for the fixed banner', () => {
  it('follows the banner height and gives the page its own value back afterwards', () => {
    document.documentElement.style.scrollPaddingBottom = '8px';
    const ro = fakeResizeObserver();
    const { view, ui } = setup();
    const banner = view.getByRole('region', { name: 'Cookie consent' });
    expect(ro.observed()).toEqual([banner]);
    Object.defineProperty(banner, 'offsetHeight', { configurable: true, value: 180 });
    ro.resize();
    expect(document.documentElement.style.scrollPaddingBottom).toBe('180px');
    fireEvent.click(view.getByRole('button', { name: 'Accept all' }));
    expect(ro.observed()).toEqual([]);
    expect(document.documentElement.style.scrollPaddingBottom).toBe('8px');
    ui._destroy();
  });

  it('works without ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const { view, ui } = setup();
    view.getByRole('region', { name: 'Cookie consent' });
    expect(document.documentElement.style.scrollPaddingBottom).toBe('');
    ui._destroy();
  });
});

describe('room at the end of the page', () => {
  it('is added when a page element takes focus, scrolls a covered element clear, and goes with the banner', () => {
    document.body.innerHTML = '<main><a id="first" href="#">first</a></main><footer><button id="last">Cookie settings</button></footer>';
    document.documentElement.style.paddingBottom = '2px';
    const ro = fakeResizeObserver();
    const { view, ui } = setup();
    const banner = view.getByRole('region', { name: 'Cookie consent' });
    Object.defineProperty(banner, 'offsetHeight', { configurable: true, value: 150 });
    banner.getBoundingClientRect = () => ({ top: 650 }) as DOMRect;
    ro.resize();
    expect(document.documentElement.style.paddingBottom).toBe('2px'); // nobody touched the page yet
    const last = document.getElementById('last')!;
    last.getBoundingClientRect = () => ({ bottom: 780 }) as DOMRect;
    last.scrollIntoView = vi.fn();
    last.focus();
    expect(document.documentElement.style.paddingBottom).toBe('150px');
    expect(last.scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
    fireEvent.click(view.getByRole('button', { name: 'Reject all' }));
    expect(document.documentElement.style.paddingBottom).toBe('2px');
    expect(document.documentElement.style.scrollPaddingBottom).toBe('');
    ui._destroy();
  });

  it('is not added for focus inside the banner itself', () => {
    const ro = fakeResizeObserver();
    const { view, ui } = setup();
    const banner = view.getByRole('region', { name: 'Cookie consent' });
    Object.defineProperty(banner, 'offsetHeight', { configurable: true, value: 150 });
    ro.resize();
    view.getByRole('button', { name: 'Accept all' }).focus();
    expect(document.documentElement.style.paddingBottom).toBe('');
    ui._destroy();
  });
});

describe('destroy', () => {
  it('with the dialog open: gives the page back (not inert) and leaves no padding', () => {
    document.body.innerHTML = '<main><a href="#">x</a></main>';
    const ro = fakeResizeObserver();
    const { view, ui } = setup();
    const banner = view.getByRole('region', { name: 'Cookie consent' });
    Object.defineProperty(banner, 'offsetHeight', { configurable: true, value: 99 });
    ro.resize();
    fireEvent.click(view.getByRole('button', { name: 'Preferences' }));
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(true);
    ui._destroy();
    expect(!!document.querySelector('main')!.closest('[inert]')).toBe(false);
    expect(document.getElementById('consentgate')).toBeNull();
    expect(document.documentElement.style.scrollPaddingBottom).toBe('');
    expect(ro.observed()).toEqual([]);
  });
});
