// The libraries compared, each on its own page in bench/pages/ with the same
// content, three categories (necessary, analytics, marketing), one gated script
// in the library's own gating markup and a banner with "Accept all" / "Reject all".
//
// A library's bytes are every response whose URL path starts with one of its
// `prefixes` (the folder it is served from), in each scenario: whatever files it
// loads, on start-up or on demand, count, and nothing else does.

/** One gated element for the `?n=1000` page variant: it counts itself and notes the time. */
const COUNTER = 'window.__gatedCount=(window.__gatedCount||0)+1;window.__gatedLastAt=performance.now()';

export const LIBRARIES = [
  {
    id: 'consentgate',
    name: 'consentgate',
    package: null, // this project: the whole dist/ folder is served at /dist/
    // The one <script src> a site adds; anything else it fetches from its folder counts too.
    files: ['/dist/consentgate.js'],
    prefixes: ['/dist/'],
    gatedElement: `<script type="text/plain" data-category="analytics">${COUNTER}</script>`,
  },
  {
    id: 'vanilla-cookieconsent',
    name: 'vanilla-cookieconsent',
    package: 'vanilla-cookieconsent',
    prefixes: ['/node_modules/vanilla-cookieconsent/'],
    files: ['/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js', '/node_modules/vanilla-cookieconsent/dist/cookieconsent.css'],
    gatedElement: `<script type="text/plain" data-category="analytics">${COUNTER}</script>`,
  },
  {
    id: 'klaro',
    name: 'klaro',
    package: 'klaro',
    prefixes: ['/node_modules/klaro/'],
    files: ['/node_modules/klaro/dist/klaro.js'],
    gatedElement: `<script type="text/plain" data-type="text/javascript" data-name="analytics-tool">${COUNTER}</script>`,
  },
  {
    id: 'tarteaucitronjs',
    name: 'tarteaucitron.js',
    package: 'tarteaucitronjs',
    prefixes: ['/node_modules/tarteaucitronjs/'],
    files: [
      '/node_modules/tarteaucitronjs/tarteaucitron.min.js',
      '/node_modules/tarteaucitronjs/lang/tarteaucitron.en.min.js',
      '/node_modules/tarteaucitronjs/css/tarteaucitron.min.css',
    ],
    gatedElement: null,
    // It ignores a click that comes within a few frames of its banner appearing (on a quiet machine
    // the bench's click came that soon in 9 of 9 first visits): wait before clicking. The click's
    // own timing and everything measured before it are unchanged.
    clickDelayMs: 500,
    noGatedElements:
      'gates by service: a site registers a service whose js() callback runs on consent; it has no markup for gating page elements',
  },
  {
    id: 'cookieconsent',
    name: 'cookieconsent (Osano)',
    package: 'cookieconsent',
    prefixes: ['/node_modules/cookieconsent/'],
    files: ['/node_modules/cookieconsent/build/cookieconsent.min.js', '/node_modules/cookieconsent/build/cookieconsent.min.css'],
    gatedElement: null,
    noGatedElements: 'one yes/no choice and no gating markup; the site runs its scripts from onStatusChange',
  },
  {
    id: 'orejime',
    name: 'Orejime',
    package: 'orejime',
    prefixes: ['/node_modules/orejime/'],
    files: ['/node_modules/orejime/dist/orejime-standard-en.js', '/node_modules/orejime/dist/orejime-standard.css'],
    gatedElement: `<template data-purpose="analytics"><script>${COUNTER}</script></template>`,
  },
  {
    id: 'floor',
    name: 'floor (static banner)',
    package: null,
    prefixes: [],
    files: [],
    // A ten-line inline loop, no library: the least any gate can cost.
    gatedElement: `<script type="text/plain" data-category="analytics">${COUNTER}</script>`,
  },
];

export const PEERS = ['vanilla-cookieconsent', 'klaro', 'tarteaucitronjs', 'cookieconsent', 'orejime'];
