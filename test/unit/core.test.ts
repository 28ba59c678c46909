import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core/create';
import { createRecord, encodeRecord } from '../../src/core/record';
import type { UIContext, UIFactory, UIState } from '../../src/core/ui';
import { config, consentValue, cookieNames, packs, start } from './helpers';

const setGPC = (on: boolean | undefined): void => {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: on, configurable: true });
};
afterEach(() => {
  setGPC(undefined);
  vi.useRealTimers();
});

const store = (categories: Record<string, boolean>, opts: { revision?: number; at?: number } = {}): string => {
  const r = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', categories, 'custom', false, opts.revision ?? 1, 182, opts.at ?? Date.now());
  document.cookie = `consentgate=${encodeRecord(r)}; path=/`;
  return r.id;
};

describe('decisions', () => {
  it('writes nothing before a decision, then one cookie', () => {
    const gate = start();
    expect(document.cookie).toBe('');
    expect(gate.get()).toBeNull();
    gate.acceptAll();
    expect(cookieNames()).toEqual(['consentgate']);
    const r = gate.get()!;
    expect(r.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
    expect(r.action).toBe('accept-all');
    expect(r.gpc).toBe(false);
    expect(r.revision).toBe(1);
    expect(Date.parse(r.expires) - Date.parse(r.timestamp)).toBe(182 * 86_400_000);
    expect(decodeURIComponent(consentValue()!)).toMatch(new RegExp(`^cg1\\|${r.id}\\|`));
  });

  it('rejectAll keeps required categories on; save grants exactly what is true', () => {
    const gate = start();
    gate.rejectAll();
    expect(gate.get()!.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    expect(gate.get()!.action).toBe('reject-all');
    gate.save({ analytics: true, marketing: false, necessary: false });
    expect(gate.get()!.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    expect(gate.get()!.action).toBe('custom');
    expect(gate.has('analytics')).toBe(true);
    expect(gate.has('marketing')).toBe(false);
    expect(gate.has('nope')).toBe(false);
  });

  it('save() names unknown categories instead of guessing', () => {
    const gate = start();
    expect(() => gate.save({ analytcs: true })).toThrow('consentgate: save() got unknown categories: analytcs');
    expect(gate.get()).toBeNull();
  });

  it('keeps the id across changes until reset()', () => {
    const gate = start();
    gate.acceptAll();
    const id = gate.get()!.id;
    gate.rejectAll();
    expect(gate.get()!.id).toBe(id);
    gate.reset();
    expect(gate.get()).toBeNull();
    expect(consentValue()).toBeUndefined();
    gate.acceptAll();
    expect(gate.get()!.id).not.toBe(id);
  });

  it('reads a valid stored decision at init and emits consent for it', () => {
    store({ necessary: true, analytics: true });
    const gate = start();
    expect(gate.has('analytics')).toBe(true);
    expect(gate.get()!.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    const late = vi.fn();
    gate.on('consent', late);
    expect(late).toHaveBeenCalledOnce();
    expect(late).toHaveBeenCalledWith(gate.get());
  });

  it('treats a corrupt cookie, another revision or an expired decision as no decision', () => {
    document.cookie = 'consentgate=cg1|garbage; path=/';
    expect(start().get()).toBeNull();
  });

  it('asks again after a revision change', () => {
    store({ necessary: true, analytics: true }, { revision: 1 });
    const gate = createCore();
    gate.init({ ...config, revision: 2 });
    expect(gate.get()).toBeNull();
    gate.destroy();
  });

  it('voids a decision older than expiresAfterDays, one second either side', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.UTC(2026, 0, 1);
    vi.setSystemTime(t0);
    store({ necessary: true, analytics: true }, { at: t0 });
    vi.setSystemTime(t0 + 10 * 86_400_000 - 1000);
    const before = createCore();
    before.init({ ...config, expiresAfterDays: 10 });
    expect(before.has('analytics')).toBe(true);
    before.destroy();
    vi.setSystemTime(t0 + 10 * 86_400_000 + 1000);
    const after = createCore();
    after.init({ ...config, expiresAfterDays: 10 });
    expect(after.get()).toBeNull();
    after.destroy();
  });
});

describe('events', () => {
  it('emits consent after each decision, change with the diff, and mirrors on window', () => {
    const gate = start();
    const consent = vi.fn();
    const change = vi.fn();
    const onWindow = vi.fn();
    gate.on('consent', consent);
    gate.on('change', change);
    addEventListener('consentgate:change', onWindow);
    gate.save({ analytics: true });
    expect(consent).toHaveBeenCalledTimes(1);
    expect(change).not.toHaveBeenCalled(); // a first decision changes no earlier one
    gate.save({ marketing: true });
    expect(consent).toHaveBeenCalledTimes(2);
    expect(change).toHaveBeenCalledWith({ record: gate.get(), granted: ['marketing'], revoked: ['analytics'] });
    expect((onWindow.mock.calls[0]![0] as CustomEvent).detail).toEqual(change.mock.calls[0]![0]);
    removeEventListener('consentgate:change', onWindow);
  });

  it('a decision equal to the stored one emits nothing and writes nothing', () => {
    const gate = start();
    gate.acceptAll();
    const value = consentValue();
    const consent = vi.fn();
    gate.on('consent', consent);
    consent.mockClear();
    gate.save({ preferences: true, analytics: true, marketing: true });
    expect(consent).not.toHaveBeenCalled();
    expect(consentValue()).toBe(value);
  });

  it('on() returns its unsubscribe; a throwing handler is reported and stops neither the others nor the decision', () => {
    const gate = start();
    const a = vi.fn();
    const off = gate.on('consent', a);
    off();
    // Reported as an uncaught error of its own: the window's error event.
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent): void => {
      errors.push(e.error);
      e.preventDefault();
    };
    addEventListener('error', onError);
    const b = vi.fn();
    gate.on('consent', () => {
      throw new Error('site handler broke');
    });
    gate.on('consent', b);
    try {
      gate.acceptAll();
    } finally {
      removeEventListener('error', onError);
    }
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    expect(gate.get()).not.toBeNull();
    expect(errors).toEqual([new Error('site handler broke')]);
  });

  it('whenGranted resolves once granted, at once when already', async () => {
    const gate = start();
    let done = false;
    const p = gate.whenGranted('analytics').then(() => (done = true));
    gate.rejectAll();
    await Promise.resolve();
    expect(done).toBe(false);
    gate.save({ analytics: true });
    await p;
    expect(done).toBe(true);
    await expect(gate.whenGranted('analytics')).resolves.toBeUndefined();
  });
});

describe('views and the UI seam', () => {
  const fakeUI = () => {
    const states: UIState[] = [];
    let ctx!: UIContext;
    const factory = (c: UIContext) => {
      ctx = c;
      return { _update: (s: UIState) => void states.push(s), _shown: () => ({ language: 'en' as const, strings: {} }), _destroy: vi.fn() };
    };
    return { factory, states, ctx: () => ctx };
  };

  it('shows the banner without a decision, hides it after one, and emits show/hide', () => {
    const ui = fakeUI();
    const show = vi.fn();
    const hide = vi.fn();
    addEventListener('consentgate:show', (e) => show((e as CustomEvent).detail));
    const gate = start({}, ui.factory);
    gate.on('hide', hide);
    expect(ui.states.at(-1)).toEqual({ view: 'banner', record: null });
    expect(show).toHaveBeenCalledWith({ view: 'banner' });
    ui.ctx().acceptAll();
    expect(ui.states.at(-1)).toEqual({ view: null, record: gate.get() });
    expect(hide).toHaveBeenCalledWith({ view: 'banner' });
  });

  it('closing the dialog before a decision returns to the banner and records nothing', () => {
    const ui = fakeUI();
    const gate = start({}, ui.factory);
    ui.ctx().showPreferences();
    expect(ui.states.at(-1)!.view).toBe('preferences');
    ui.ctx().hide();
    expect(ui.states.at(-1)!.view).toBe('banner');
    expect(gate.get()).toBeNull();
    expect(document.cookie).toBe('');
    gate.acceptAll();
    gate.showPreferences();
    gate.hide();
    expect(ui.states.at(-1)!.view).toBeNull();
  });

  it('keeps the page working when the UI throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const gate = start({}, () => {
      throw new Error('render failed');
    });
    expect(error).toHaveBeenCalledWith('consentgate: the interface failed to render', expect.any(Error));
    gate.acceptAll();
    expect(gate.has('analytics')).toBe(true);
    error.mockRestore();
  });

  it('an interface still on its way: show fires when it shows the banner, not before', async () => {
    const ui = fakeUI();
    let arrive!: (factory: UIFactory) => void;
    const arrival = new Promise<UIFactory>((resolve) => (arrive = resolve));
    const gate = createCore(() => ({ _ui: () => arrival, _texts: (lang) => packs[lang] }));
    const show = vi.fn();
    gate.on('show', show);
    gate.init(config);
    expect(show).not.toHaveBeenCalled();
    // The API works meanwhile.
    expect(gate.get()).toBeNull();
    arrive(ui.factory);
    await vi.waitFor(() => expect(show).toHaveBeenCalledWith({ view: 'banner' }));
    expect(ui.states.at(-1)).toEqual({ view: 'banner', record: null });
    gate.destroy();
  });

  it('an interface that arrives after destroy() mounts nothing; a second init() shows it', async () => {
    const ui = fakeUI();
    let arrive!: (factory: UIFactory) => void;
    const arrival = new Promise<UIFactory>((resolve) => (arrive = resolve));
    const gate = createCore(() => ({ _ui: () => arrival, _texts: (lang) => packs[lang] }));
    gate.init(config);
    gate.destroy();
    arrive(ui.factory);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ui.states).toHaveLength(0);
    expect(document.getElementById('consentgate')).toBeNull();
    gate.init(config);
    await vi.waitFor(() => expect(ui.states.at(-1)).toEqual({ view: 'banner', record: null }));
    gate.destroy();
    expect(document.getElementById('consentgate')).toBeNull();
  });

  it('an interface that fails to load: no show or hide, the view is dropped, the API decides', async () => {
    const gate = createCore(() => ({ _ui: () => Promise.reject(new Error('404')), _texts: (lang) => packs[lang] }));
    const seen = vi.fn();
    gate.on('show', seen);
    gate.on('hide', seen);
    gate.init(config);
    await new Promise((resolve) => setTimeout(resolve, 10));
    gate.showPreferences();
    gate.hide();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).not.toHaveBeenCalled();
    gate.acceptAll();
    expect(gate.has('analytics')).toBe(true);
    // A returning visitor whose click on the reopen button found no interface can click it again:
    // it is not left hidden behind a view that never showed.
    const reopen = document.getElementById('consentgate')!.shadowRoot!.querySelector<HTMLElement>('[aria-haspopup]')!;
    reopen.click();
    expect(reopen.hidden).toBe(true);
    await vi.waitFor(() => expect(reopen.hidden).toBe(false));
    expect(seen).not.toHaveBeenCalled();
    gate.destroy();
  });

  it('no UI without a body; it mounts once the body exists', () => {
    const ui = fakeUI();
    const body = document.body;
    body.remove();
    const gate = start({}, ui.factory);
    expect(ui.states).toHaveLength(0);
    document.documentElement.append(body);
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(ui.states.at(-1)).toEqual({ view: 'banner', record: null });
        gate.destroy();
        resolve();
      }),
    );
  });
});

describe('GPC', () => {
  it('acceptAll leaves marketing off and records gpc: true', () => {
    setGPC(true);
    const gate = start();
    gate.acceptAll();
    expect(gate.get()!.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    expect(gate.get()!.gpc).toBe(true);
    // Switching marketing on explicitly in the preferences still counts.
    gate.save({ marketing: true });
    expect(gate.has('marketing')).toBe(true);
  });

  it('is ignored with respectGPC: false, but still recorded', () => {
    setGPC(true);
    const gate = start({ respectGPC: false });
    gate.acceptAll();
    expect(gate.has('marketing')).toBe(true);
    expect(gate.get()!.gpc).toBe(true);
  });
});

describe('lifecycle', () => {
  it('init twice throws until destroy()', () => {
    const gate = start();
    expect(() => gate.init(config)).toThrow('consentgate: init() was already called; call destroy() first');
    gate.destroy();
    expect(() => gate.init(config)).not.toThrow();
    gate.destroy();
  });

  it('verbs before init say so', () => {
    const gate = createCore();
    expect(() => gate.acceptAll()).toThrow('consentgate: call init(config) first');
    expect(gate.get()).toBeNull();
  });

  it('a bad config throws ConsentGateConfigError and leaves the instance unstarted', () => {
    const gate = createCore();
    expect(() => gate.init({ categories: { necessary: {} } })).toThrow(expect.objectContaining({ name: 'ConsentGateConfigError' }));
    expect(() => gate.init(config)).not.toThrow();
    gate.destroy();
  });

  it('destroy() removes every listener and observer it added', () => {
    const added: string[] = [];
    const removed: string[] = [];
    const add = vi.spyOn(document, 'addEventListener').mockImplementation(function (this: Document, type: string) {
      added.push(type);
    } as never);
    const remove = vi.spyOn(document, 'removeEventListener').mockImplementation(function (this: Document, type: string) {
      removed.push(type);
    } as never);
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const gate = createCore();
    gate.init(config);
    const handler = vi.fn();
    gate.on('consent', handler);
    gate.destroy();
    add.mockRestore();
    remove.mockRestore();
    expect(added.length).toBeGreaterThan(0);
    expect(removed.sort()).toEqual(added.sort());
    expect(disconnect).toHaveBeenCalledTimes(observe.mock.calls.length);
    observe.mockRestore();
    disconnect.mockRestore();
  });
});

describe('withdrawal', () => {
  it('erases the cookies of refused categories by name and by pattern', () => {
    const gate = start();
    gate.acceptAll();
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_ga_ABC123=GS1; path=/';
    document.cookie = '_fbp=fb.1; path=/';
    document.cookie = 'session=keep; path=/';
    const change = vi.fn();
    gate.on('change', change);
    gate.save({ marketing: true });
    expect(cookieNames()).toEqual(['_fbp', 'consentgate', 'session']);
    expect(change.mock.calls[0]![0].revoked).toEqual(['preferences', 'analytics']);
    gate.reset();
    expect(cookieNames()).toEqual(['session']);
  });

  it('with nothing refused to erase, a returning visit reads document.cookie once (each read is a round trip to the browser)', () => {
    store({ necessary: true, preferences: true, analytics: true, marketing: true });
    const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    const reads = vi.fn();
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => (reads(), real.get!.call(document)), set: (v) => real.set!.call(document, v) });
    try {
      const gate = start();
      expect(gate.has('marketing')).toBe(true);
      expect(reads).toHaveBeenCalledTimes(1);
      gate.destroy();
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
  });
});

describe('triggers', () => {
  it('one delegated listener handles data-consentgate elements, present or added later', () => {
    const gate = start();
    document.body.innerHTML = '<a href="#x" data-consentgate="accept-all">Accept</a>';
    const link = document.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(gate.get()!.action).toBe('accept-all');
    document.body.insertAdjacentHTML('beforeend', '<button data-consentgate="reject-all"><span>Reject</span></button>');
    document.querySelector('span')!.click();
    expect(gate.get()!.action).toBe('reject-all');
    const show = vi.fn();
    gate.on('show', show);
    document.body.insertAdjacentHTML('beforeend', '<button data-consentgate="preferences">Settings</button><button data-consentgate="reset">Forget</button>');
    (document.querySelector('[data-consentgate=preferences]') as HTMLElement).click();
    expect(show).toHaveBeenLastCalledWith({ view: 'preferences' });
    (document.querySelector('[data-consentgate=reset]') as HTMLElement).click();
    expect(gate.get()).toBeNull();
    expect(show).toHaveBeenLastCalledWith({ view: 'banner' });
  });
});

describe('cross-tab', () => {
  it('a decision in one instance reaches another over BroadcastChannel', async () => {
    const a = start();
    const b = start();
    const consent = vi.fn();
    b.on('consent', consent);
    a.save({ analytics: true });
    await vi.waitFor(() => expect(consent).toHaveBeenCalledOnce());
    expect(b.get()).toEqual(a.get());
    a.reset();
    await vi.waitFor(() => expect(b.get()).toBeNull());
  });

  it('without BroadcastChannel, a tab coming back into view reads the cookie again', () => {
    const original = globalThis.BroadcastChannel;
    // @ts-expect-error: simulate a browser without it
    delete globalThis.BroadcastChannel;
    try {
      const a = start();
      const b = start();
      a.acceptAll();
      expect(b.get()).toBeNull();
      document.dispatchEvent(new Event('visibilitychange'));
      expect(b.get()).toEqual(a.get());
    } finally {
      globalThis.BroadcastChannel = original;
    }
  });
});
