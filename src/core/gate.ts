// Gated elements: <script type="text/plain" data-category>, <iframe data-category data-src>,
// <img data-category data-src>. They become active once the decision allows them, in document
// order, each at most once per page load.
//
// Releasing never gives inert markup more power than the page's own policy would:
// - On a page with nonces (the script that loaded consentgate carries one), only gated scripts
//   carrying that same nonce are released. Under 'strict-dynamic' the browser trusts any script
//   consentgate creates, so without this rule markup injected into the page (a comment, a CMS
//   field) would run although the same policy refuses a plain injected <script>.
// - Under Trusted Types (require-trusted-types-for 'script') scripts are re-created through one
//   policy named "consentgate", used for nothing else.
// - document.write() (and writeln, open) from a released inline script is dropped with a warning:
//   from a script that the parser did not insert it would open a new document and wipe the page
//   (browsers already ignore document.write in every external script inserted this way).
// - data-src and data-srcset pass the URL rule of ./url before they are set.
// One element that fails never stops the ones after it.
import { own } from './record';
import { scriptUrl } from './url';

export interface Gate {
  /**
   * Apply a decision (categories) or none; releases what it allows. `paced`: a decision made
   * just now, so scripts wait for the next paint and then run in slices (see runScripts).
   */
  _decide(categories: Readonly<Record<string, boolean>> | null, paced?: boolean): void;
  /** Nodes the parser or a script added to the page. */
  _added(nodes: Iterable<Node>): void;
  /** Release one element now, whatever the decision (a visitor's "load once"). */
  _release(element: Element): void;
  /** Forget every script still waiting to run (destroy()). */
  _stop(): void;
}

const SELECTOR = 'script[data-category],iframe[data-category],img[data-category]';

/** Every listed category granted; `!name` means refused by the decision. Own properties only. */
export function allows(spec: string, categories: Readonly<Record<string, boolean>>): boolean {
  return !!spec.match(/\S+/g)?.every((n) => (n[0] === '!' ? own(categories, n.slice(1)) === false : own(categories, n) === true));
}

const warn = (message: string, element: Element): void => console.warn('consentgate: ' + message, element);

/**
 * The nonce of the script that evaluated this file (the drop-in's own <script nonce>), read once
 * while it runs; '' in a module script or without a document.
 */
export const loaderNonce = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.nonce;

interface TrustedTypePolicy {
  createScript(text: string): string;
  createScriptURL(url: string): string;
}
declare const trustedTypes: { createPolicy(name: string, rules: TrustedTypePolicy): TrustedTypePolicy };
// The Trusted Types policy, created on first use; 0 where there are no Trusted Types or the page's
// trusted-types directive refuses the name (then plain strings, which such a page refuses in turn).
let policy: TrustedTypePolicy | 0 | undefined;
/** `value` as a TrustedScript (script text, `on…` attributes) or TrustedScriptURL (`src`) where the page has Trusted Types. */
export const trusted = (value: string, name = ''): string => {
  try {
    policy ??= trustedTypes.createPolicy('consentgate', { createScript: (s) => s, createScriptURL: (s) => s });
  } catch {
    policy = 0;
  }
  return !policy ? value : name == 'src' ? policy.createScriptURL(value) : /^on|^$/.test(name) ? policy.createScript(value) : value;
};

/**
 * Is the parser done with this element? Until something follows it, a script's text may still be
 * arriving. Looked for up to <body>, not beyond: what follows <body> (our host, appended to <html>
 * as soon as there is a body, or another script's) was put there while the parser still works in it.
 */
function parsed(el: Element): boolean {
  if (document.readyState !== 'loading') return true;
  for (let n: Node | null = el; n && n != document.body; n = n.parentNode) if (n.nextSibling) return true;
  return false;
}

/** `blocked` hears of each iframe or img the decision (or its absence) holds back, every time it is looked at. */
export function createGate(blocked: (element: Element) => void = () => {}): Gate {
  // The page's nonce: the loader's, else that of the script calling init() now.
  const nonce = loaderNonce ?? (document.currentScript as HTMLScriptElement | null)?.nonce;
  let categories: Readonly<Record<string, boolean>> | null = null;
  const done = new WeakSet<Element>();
  const forced = new WeakSet<Element>();
  // Gated scripts wait here so they run in document order; an external one holds back those after it.
  const queue: HTMLScriptElement[] = [];
  let waiting = false;
  // Elements the parser had not finished when we saw them; looked at again on the next mutation.
  let unfinished: Element[] = [];
  // A click that decides must paint at once (INP): the scripts it releases wait for the frame
  // that hides the banner, then run in slices of up to 50 ms (no long task) with a task boundary
  // between them. A stored decision applied at load runs them at once, in step with the parser,
  // and so does a hidden tab, which paints nothing and whose timers the browser slows down.
  let paused = false;
  let paced = false;
  let slice = 0;
  const resume = (): void => {
    paused = false;
    slice = performance.now();
    runScripts();
  };

  const runScripts = (): void => {
    while (!waiting && !paused && queue.length) {
      if (paced && !document.hidden && performance.now() - slice > 50) {
        paused = true;
        return void setTimeout(resume);
      }
      const original = queue.shift()!;
      // A decision taken back before its scripts ran (e.g. Accept, then at once Reject) stops them;
      // one released by hand ("load once") is exempt.
      if (!original.isConnected || !(forced.has(original) || (categories && allows(original.getAttribute('data-category') ?? '', categories)))) {
        done.delete(original);
        continue;
      }
      // The nonce attribute reads as "" once parsed (CSP nonce hiding); the property keeps it.
      if (nonce && original.nonce !== nonce) {
        warn('no nonce, not run', original);
        continue;
      }
      const external = original.hasAttribute('src');
      // An external script without async holds back those after it until it has run (or failed).
      const hold = external && !original.hasAttribute('async');
      // An inline script runs inside replaceWith(): only during that call is document.write() ours to
      // drop. A page that replaced document.write itself keeps its own.
      const drop = !external && !own(document, 'write');
      const doc = document as { write?: unknown; writeln?: unknown; open?: unknown };
      try {
        const script = document.createElement('script');
        for (const { name, value } of original.attributes) if (!/^(data-)?type$/.test(name)) script.setAttribute(name, trusted(value, name));
        script.type = original.getAttribute('data-type') || '';
        if (original.nonce) script.nonce = original.nonce;
        done.add(script);
        // An inline script runs inside replaceWith(): only during that call is document.write() ours to drop.
        if (!external) {
          script.text = trusted(original.text);
          if (drop) doc.write = doc.writeln = doc.open = () => warn('document.write() dropped', original);
        } else if (hold) {
          script.async = false;
          // A failed script must not stop the ones after it. Listeners, not onload/onerror: those are
          // the script's own attributes, if it has them.
          const next = (): void => {
            waiting = false;
            slice = performance.now();
            runScripts();
          };
          script.addEventListener('load', next);
          script.addEventListener('error', next);
        }
        original.replaceWith(script);
        waiting = hold;
      } catch (error) {
        console.error('consentgate: not released', original, error);
      } finally {
        if (drop) delete doc.write, delete doc.writeln, delete doc.open;
      }
    }
    if (!queue.length && !waiting) paced = false;
  };

  /** A script joins the queue (they run in document order); an iframe or img gets its URLs now. */
  const take = (el: Element): void => {
    done.add(el);
    if (el instanceof HTMLScriptElement) return void queue.push(el);
    for (const name of ['srcset', 'src']) {
      const value = el.getAttribute(`data-${name}`);
      // srcset: every comma-separated candidate must pass (a URL with a comma only makes this stricter).
      // One already set (released before a destroy() and init()) is left alone: setting it again reloads an iframe.
      if (value != null && el.getAttribute(name) != value) (name == 'src' ? [value] : value.split(',')).some(scriptUrl) ? warn('script URL refused', el) : el.setAttribute(name, value);
    }
  };

  const consider = (elements: Iterable<Element>): void => {
    for (const el of elements) {
      if (done.has(el)) continue;
      const spec = el.getAttribute('data-category');
      if (spec === null) continue;
      if (!categories || !allows(spec, categories)) {
        if (!(el instanceof HTMLScriptElement)) blocked(el);
        continue;
      }
      if (el instanceof HTMLScriptElement) {
        if (el.type !== 'text/plain') continue;
        if (!parsed(el)) {
          unfinished.push(el);
          continue;
        }
      }
      take(el);
    }
    runScripts();
  };

  return {
    _decide(next, pace) {
      categories = next;
      unfinished = [];
      if (pace && !paused && !document.hidden) {
        paced = paused = true;
        // After the next frame; at the latest after 100 ms, should no frame come (the tab was
        // hidden meanwhile, or the page is in a frame that is not displayed).
        let framed = false;
        requestAnimationFrame(() => {
          framed = true;
          setTimeout(resume);
        });
        setTimeout(() => framed || resume(), 100);
      }
      consider(document.querySelectorAll(SELECTOR));
    },
    _stop() {
      queue.length = 0;
      categories = null;
      unfinished = [];
    },
    _release(el) {
      if (done.has(el)) return;
      forced.add(el);
      take(el);
      runScripts();
    },
    _added(nodes) {
      const found: Element[] = unfinished;
      unfinished = [];
      for (const node of nodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(SELECTOR)) found.push(node);
        if (node.firstElementChild) found.push(...node.querySelectorAll(SELECTOR));
      }
      consider(found);
    },
  };
}
