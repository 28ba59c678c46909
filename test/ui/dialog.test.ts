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
  it('skips controls inside a closed <details> but not its summary', () => {
    const d = dialogWith('<button id="a">a</button><details><summary id="s">more</summary><a id="l" href="#">hidden link</a></details>');
    document.getElementById('a')!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement!.id).toBe('s');
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement!.id).toBe('a');
    // Opened, the link is the last stop.
    d.querySelector('details')!.open = true;
    document.getElementById('a')!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement!.id).toBe('l');
  });

  it('skips disabled buttons', () => {
    dialogWith('<button id="a">a</button><button id="b">b</button><button id="c" disabled>c</button>');
    document.getElementById('b')!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement!.id).toBe('a');
  });

  it('ignores other keys', () => {
    dialogWith('<button id="a">a</button><button id="b">b</button>');
    document.getElementById('b')!.focus();
    expect(fireEvent.keyDown(document.activeElement!, { key: 'Enter' })).toBe(true);
    expect(document.activeElement!.id).toBe('b');
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
});
