// The focus helpers on their own: the trap's edges and the inert page.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { deepActiveElement, inertPage, trapTab } from '../../src/ui/dialog';

afterEach(() => {
  document.body.innerHTML = '';
});

const dialogWith = (html: string) => {
  document.body.innerHTML = `<div id="d">${html}</div><main><a href="#">page</a></main>`;
  const d = document.getElementById('d')!;
  d.addEventListener('keydown', trapTab);
  return d;
};

describe('trapTab', () => {
  // As in the dialog: a focusable heading, a button first and a button last, links, summaries and switches between.
  const html =
    '<h2 id="h" tabindex="-1">title</h2><button id="first">close</button><a id="l" href="#">link</a>' +
    '<details open><summary id="s">more</summary><a href="#">vendor</a></details><button id="last">save</button>';
  const press = (id: string, shiftKey = false) => {
    document.getElementById(id)!.focus();
    return fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey });
  };

  it('wraps Tab from the last button to the first, Shift+Tab from the first to the last', () => {
    dialogWith(html);
    expect(press('last')).toBe(false);
    expect(document.activeElement!.id).toBe('first');
    expect(press('first', true)).toBe(false);
    expect(document.activeElement!.id).toBe('last');
  });

  it('sends Shift+Tab from the heading the dialog opens on to the last button', () => {
    dialogWith(html);
    expect(press('h', true)).toBe(false);
    expect(document.activeElement!.id).toBe('last');
  });

  it('leaves every move between the ends to the browser', () => {
    dialogWith(html);
    for (const [id, shift] of [['first', false], ['l', false], ['l', true], ['s', true], ['last', true], ['h', false]] as const) {
      expect(press(id, shift), id).toBe(true);
      expect(document.activeElement!.id).toBe(id);
    }
  });

  it('ignores other keys', () => {
    dialogWith(html);
    document.getElementById('last')!.focus();
    expect(fireEvent.keyDown(document.activeElement!, { key: 'Enter' })).toBe(true);
    expect(document.activeElement!.id).toBe('last');
  });
});

describe('deepActiveElement', () => {
  it('looks into open shadow roots', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const button = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
    button.focus();
    expect(document.activeElement).toBe(host);
    expect(deepActiveElement()).toBe(button);
  });
});

describe('inertPage', () => {
  it('makes every other body child inert and undoes only its own changes', () => {
    document.body.innerHTML = '<header></header><main></main><aside inert></aside><div id="host"></div>';
    const host = document.getElementById('host')!;
    const restore = inertPage(host);
    expect(['header', 'main', 'aside'].map((s) => document.querySelector(s)!.hasAttribute('inert'))).toEqual([true, true, true]);
    expect(host.hasAttribute('inert')).toBe(false);
    restore();
    expect(['header', 'main', 'aside'].map((s) => document.querySelector(s)!.hasAttribute('inert'))).toEqual([false, false, true]);
  });

  it('with the host a child of <html>: makes <body> inert, never <head> or the host', () => {
    document.body.innerHTML = '<main></main>';
    const host = document.documentElement.appendChild(document.createElement('div'));
    try {
      const restore = inertPage(host);
      expect(document.body.hasAttribute('inert')).toBe(true);
      expect(document.head.hasAttribute('inert')).toBe(false);
      expect(host.hasAttribute('inert')).toBe(false);
      restore();
      expect(document.body.hasAttribute('inert')).toBe(false);
    } finally {
      host.remove();
    }
  });
});
