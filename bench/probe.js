// Injected into every bench page with addInitScript, before any page script runs.
// It watches, once per rendered frame, for a visible button named "Accept all"
// (in the document or in any open shadow root), sums layout shifts, and notes
// when Accept is clicked and when the banner is gone again. The harness reads
// the figures from window.__bench; nothing here polls from outside the page.
// On a returning visit (window.__benchMode === 'returning', set before this runs)
// it watches no frames: the harness asks once, at the end, whether a banner shows.
(() => {
  const passive = window.__benchMode === 'returning';
  // "Accept all", also as tarteaucitron's aria-label "Cookies : Accept all".
  const ACCEPT = /^\W*(?:cookies\s*:\s*)?accept all\W*$/i;
  const CANDIDATES = 'button,[role="button"],a[href],input[type="button"],input[type="submit"]';
  const roots = [document];

  // Open shadow roots are not reachable with querySelectorAll from the document:
  // remember each one as it is created (consentgate renders inside one).
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (init && init.mode === 'open') roots.push(root);
    return root;
  };

  const bench = {
    visibleAt: null, // performance.now() of the first frame that shows the Accept button
    element: null,
    clickAt: null, // performance.now() when the click on Accept is dispatched
    inputDelay: null,
    clickHitAccept: null,
    hiddenAt: null, // first frame after the click in which the Accept button is no longer shown
    layoutShift: 0,
    layoutShiftBeforeClick: null,
    shifts: [],
    frames: 0,
  };
  window.__bench = bench;

  const labelOf = (el) =>
    [el.getAttribute('aria-label') || '', el.tagName === 'INPUT' ? el.value : el.textContent || ''].map((s) =>
      s.replace(/\s+/g, ' ').trim(),
    );

  const isShown = (el) => {
    if (!el.isConnected) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };

  const findAccept = () => {
    for (const root of roots) {
      for (const el of root.querySelectorAll(CANDIDATES)) {
        if (labelOf(el).some((label) => ACCEPT.test(label)) && isShown(el)) return el;
      }
    }
    return null;
  };

  let onVisible = [];
  let onDone = [];
  // The frame loop runs until the banner is gone after the click and nobody waits any more.
  let looping = false;
  const loop = () => {
    if (!looping) {
      looping = true;
      requestAnimationFrame(frame);
    }
  };
  const frame = () => {
    bench.frames++;
    if (!bench.element) {
      const el = findAccept();
      if (el) {
        bench.visibleAt = performance.now();
        bench.element = el;
        onVisible.forEach((f) => f());
        onVisible = [];
      }
    } else if (bench.clickAt !== null && bench.hiddenAt === null && !isShown(bench.element)) {
      bench.hiddenAt = performance.now();
    }
    if (onDone.length) onDone = onDone.filter((check) => !check());
    if (bench.hiddenAt === null || onDone.length) requestAnimationFrame(frame);
    else looping = false;
  };
  if (!passive) loop();

  // The gated scripts count themselves in window.__gatedCount; an accessor lets the harness
  // wait for them without polling.
  let gatedCount = 0;
  let onGated = [];
  Object.defineProperty(window, '__gatedCount', {
    configurable: true,
    get: () => gatedCount,
    set: (value) => {
      gatedCount = value;
      if (onGated.length) onGated = onGated.filter((check) => !check());
    },
  });
  bench.whenGated = (count, timeoutMs) =>
    new Promise((resolve) => {
      const check = () => (gatedCount >= count ? (resolve(true), true) : false);
      if (check()) return;
      onGated.push(check);
      setTimeout(() => resolve(false), timeoutMs);
    });

  // Is a visible "Accept all" button on the page now (document or open shadow root)?
  bench.acceptShown = () => findAccept() !== null;
  // Resolves after `n` rendered frames.
  bench.afterFrames = (n) =>
    new Promise((resolve) => {
      const step = () => (--n <= 0 ? resolve(true) : requestAnimationFrame(step));
      requestAnimationFrame(step);
    });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        bench.layoutShift += entry.value;
        // What moved, for the results file: the first few shifts with their nodes.
        if (bench.shifts.length < 5) {
          bench.shifts.push({
            at: Math.round(entry.startTime),
            value: entry.value,
            nodes: (entry.sources || []).map((s) => {
              const n = s.node;
              const name = !n ? '?' : n.nodeType === 1 ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '') : n.nodeName;
              const box = (r) => `[x ${Math.round(r.x)} y ${Math.round(r.y)} w ${Math.round(r.width)} h ${Math.round(r.height)}]`;
              return `${name} ${box(s.previousRect)}→${box(s.currentRect)}`;
            }),
          });
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    bench.layoutShift = NaN;
  }

  // The first click listener on the page (capture, on window): time the click on Accept.
  addEventListener(
    'click',
    (event) => {
      if (bench.clickAt !== null || !bench.element) return;
      // From the moment the page dispatches the click: input delivery before that is the
      // browser's, the same for every library (kept as inputDelay).
      bench.clickAt = performance.now();
      bench.inputDelay = bench.clickAt - event.timeStamp;
      bench.clickHitAccept = event.composedPath().includes(bench.element);
      bench.layoutShiftBeforeClick = bench.layoutShift;
    },
    true,
  );

  // Promises the harness awaits with one page.evaluate each (no polling from outside).
  bench.whenVisible = (timeoutMs) =>
    new Promise((resolve) => {
      if (bench.element) return resolve(true);
      onVisible.push(() => resolve(true));
      setTimeout(() => resolve(false), timeoutMs);
    });

  // Resolves once the Accept button has kept the same box for three frames (entry animations over).
  bench.whenStable = (timeoutMs) =>
    new Promise((resolve) => {
      let last = '';
      let same = 0;
      const started = performance.now();
      const check = () => {
        const r = bench.element.getBoundingClientRect();
        const key = [r.x, r.y, r.width, r.height].join();
        same = key === last ? same + 1 : 0;
        last = key;
        if (same >= 3 || performance.now() - started > timeoutMs) {
          resolve({ x: r.x + r.width / 2, y: r.y + r.height / 2, stable: same >= 3 });
          return true;
        }
        return false;
      };
      onDone.push(check);
      loop();
    });

  // After the click: resolves when the banner is gone and `count` gated scripts have run.
  bench.whenDone = (count, timeoutMs) =>
    new Promise((resolve) => {
      const started = performance.now();
      const result = (ok) => ({
        ok,
        clickAt: bench.clickAt,
        clickHitAccept: bench.clickHitAccept,
        inputDelay: bench.inputDelay,
        hiddenAt: bench.hiddenAt,
        gatedCount: window.__gatedCount || 0,
        gatedRanAt: window.__gatedRanAt ?? null,
        gatedLastAt: window.__gatedLastAt ?? null,
        layoutShift: bench.layoutShift,
        layoutShiftBeforeClick: bench.layoutShiftBeforeClick,
        shifts: bench.shifts,
      });
      const check = () => {
        if (bench.hiddenAt !== null && (window.__gatedCount || 0) >= count) {
          resolve(result(true));
          return true;
        }
        if (performance.now() - started > timeoutMs) {
          resolve(result(false));
          return true;
        }
        return false;
      };
      onDone.push(check);
      loop();
    });
})();
