// Writes the demo's static HTML pages (English at /, Dutch at /nl/) from one config and
// one layout, so the eight pages cannot drift apart. The pages are committed; after an
// edit here run `node demo/pages.mjs`. Everything on the pages is fictional except the
// controller's name and the facts of its privacy statement, summarised in our own words.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The consentgate config every page carries; only privacyPolicyUrl differs per language. */
export const config = (lang) => ({
  controller: 'Infra VOIP',
  privacyPolicyUrl: lang === 'nl' ? '/nl/privacy' : '/privacy',
  revision: 1,
  expiresAfterDays: 182,
  layout: 'bar',
  theme: 'auto',
  googleConsentMode: true,
  logEndpoint: '/consent',
  categories: {
    necessary: {
      required: true,
      data: ['login', 'host'],
      cookies: [
        {
          name: 'consentgate',
          provider: 'Infra VOIP',
          purpose: { en: 'Remembers your cookie choice.', nl: 'Onthoudt uw cookiekeuze.' },
          expires: { en: '6 months', nl: '6 maanden' },
        },
        {
          name: 'iv_session',
          provider: 'Infra VOIP',
          purpose: { en: 'Keeps you logged in to the customer portal.', nl: 'Houdt u ingelogd op het klantportaal.' },
          expires: { en: 'end of session', nl: 'einde van de sessie' },
        },
      ],
    },
    preferences: {
      data: [{ en: 'the language you read the site in', nl: 'de taal waarin u de site leest' }],
      cookies: [
        {
          name: 'iv_lang',
          provider: 'Infra VOIP',
          purpose: { en: 'Remembers the language you chose.', nl: 'Onthoudt de gekozen taal.' },
          expires: { en: '1 year', nl: '1 jaar' },
        },
      ],
    },
    analytics: {
      data: ['device', 'ip', 'browser', 'os', 'pages', 'clicks'],
      cookies: [
        {
          name: '_ga',
          provider: 'Google',
          purpose: { en: 'Tells visits from different browsers apart.', nl: 'Onderscheidt bezoeken van verschillende browsers.' },
          expires: { en: '2 years', nl: '2 jaar' },
        },
        {
          match: '^_ga_.+$',
          provider: 'Google',
          purpose: { en: 'Keeps the state of a visit and counts page views.', nl: 'Houdt de stand van een bezoek bij en telt paginaweergaven.' },
          expires: { en: '2 years', nl: '2 jaar' },
        },
      ],
      vendors: [{ name: 'Google Analytics', url: 'https://policies.google.com/privacy' }],
    },
    marketing: {
      data: ['ip', 'device', 'pages'],
      cookies: [
        {
          name: '_fbp',
          provider: 'Meta',
          purpose: { en: 'Recognises your browser to measure and target adverts.', nl: 'Herkent uw browser om advertenties te meten en te richten.' },
          expires: { en: '3 months', nl: '3 maanden' },
        },
      ],
      vendors: [
        { name: 'Meta Platforms', url: 'https://www.facebook.com/privacy/policy/' },
        { name: 'Google Ads', url: 'https://policies.google.com/privacy' },
        { name: 'VideoHost', url: lang === 'nl' ? '/nl/privacy#videohost' : '/privacy#videohost' },
      ],
    },
  },
});

const T = {
  en: {
    prefix: '',
    skip: 'Skip to content',
    nav: { home: 'Home', pricing: 'Pricing', contact: 'Contact', privacy: 'Privacy' },
    other: { label: 'Nederlands', lang: 'nl', href: '/nl/' },
    tagline: 'Business telephony (demo site)',
    demoNote:
      'This is a demonstration site for the consentgate cookie banner. Products, prices and the video are made up; nothing you enter is sent anywhere.',
    settings: 'Cookie settings',
    footer: 'Infra VOIP is a trade name of Infratech Telecommunicatie B.V. This demo is not operated by Infra VOIP.',
    panelTitle: 'What consentgate is doing',
    panelIntro: 'Live: the consent cookie, the consentgate:* events on window and the dataLayer entries on this page.',
    cookieLabel: 'Consent cookie',
    eventsLabel: 'consentgate events',
    dataLayerLabel: 'dataLayer',
    analyticsTitle: 'Stand-in analytics',
    analyticsIdle: 'Not running: it waits for your consent to analytics.',
    marketingTitle: 'Stand-in marketing pixel',
    marketingIdle: 'Not loaded: it waits for your consent to marketing.',
    pixelAlt: '',
  },
  nl: {
    prefix: '/nl',
    skip: 'Naar de inhoud',
    nav: { home: 'Home', pricing: 'Tarieven', contact: 'Contact', privacy: 'Privacy' },
    other: { label: 'English', lang: 'en', href: '/' },
    tagline: 'Zakelijke telefonie (demosite)',
    demoNote:
      'Dit is een demonstratiesite voor de cookiebanner consentgate. Producten, prijzen en de video zijn verzonnen; wat u invult wordt nergens heen gestuurd.',
    settings: 'Cookie-instellingen',
    footer: 'Infra VOIP is een handelsnaam van Infratech Telecommunicatie B.V. Deze demo wordt niet door Infra VOIP beheerd.',
    panelTitle: 'Wat consentgate doet',
    panelIntro: 'Live: de toestemmingscookie, de consentgate:*-gebeurtenissen op window en de dataLayer-items op deze pagina.',
    cookieLabel: 'Toestemmingscookie',
    eventsLabel: 'consentgate-gebeurtenissen',
    dataLayerLabel: 'dataLayer',
    analyticsTitle: 'Nagebootste statistieken',
    analyticsIdle: 'Draait niet: wacht op uw toestemming voor statistieken.',
    marketingTitle: 'Nagebootste marketingpixel',
    marketingIdle: 'Niet geladen: wacht op uw toestemming voor marketing.',
    pixelAlt: '',
  },
};

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function layout(lang, page, title, main) {
  const t = T[lang];
  const href = (p) => `${t.prefix}/${p === 'home' ? '' : p}` || '/';
  const nav = Object.entries(t.nav)
    .map(([key, label]) => `<li><a href="${href(key)}"${key === page ? ' aria-current="page"' : ''}>${label}</a></li>`)
    .join('\n          ');
  const otherHref = page === 'home' || page === '404' ? t.other.href : `${t.other.href.replace(/\/$/, '')}/${page}`;
  // The JSON block cannot contain "</script>": every "<" is escaped as \u003c.
  const json = JSON.stringify(config(lang), null, 2).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)} · Infra VOIP (demo)</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/site.css">
  <!-- The demo's live panel: an ordinary script that only reads (loaded first so it sees every event). -->
  <script src="/assets/panel.js"></script>
  <!-- consentgate: the config block, then the script, in <head>, before any tag it gates. -->
  <script type="application/json" id="consentgate-config">
${json}
  </script>
  <script src="/consentgate.js"></script>
  <!-- Gated tags: inert (type="text/plain") until their category is granted. -->
  <script type="text/plain" data-category="preferences" src="/assets/preferences.js"></script>
  <script type="text/plain" data-category="analytics" src="/assets/analytics.js"></script>
  <script type="text/plain" data-category="marketing" src="/assets/marketing.js"></script>
  ${page === 'contact' ? '<script src="/assets/contact.js" defer></script>' : ''}
</head>
<body>
  <a class="skip" href="#main">${t.skip}</a>
  <header class="site-header">
    <div class="wrap header-row">
      <a class="brand" href="${href('home')}"><span class="brand-mark" aria-hidden="true">IV</span> Infra VOIP <span class="brand-tag">${t.tagline}</span></a>
      <nav aria-label="${lang === 'nl' ? 'Hoofdmenu' : 'Main'}">
        <ul class="nav">
          ${nav}
          <li><a href="${otherHref}" hreflang="${t.other.lang}" lang="${t.other.lang}">${t.other.label}</a></li>
        </ul>
      </nav>
    </div>
  </header>
  <div class="wrap"><p class="demo-note">${t.demoNote}</p></div>
  <main id="main" class="wrap" tabindex="-1">
${main}
  </main>
  <aside class="wrap demo-panel" aria-labelledby="panel-title">
    <h2 id="panel-title">${t.panelTitle}</h2>
    <p>${t.panelIntro}</p>
    <div class="panel-grid">
      <section class="panel-card" aria-labelledby="analytics-title">
        <h3 id="analytics-title">${t.analyticsTitle}</h3>
        <p id="analytics-status" role="status">${t.analyticsIdle}</p>
      </section>
      <section class="panel-card" aria-labelledby="marketing-title">
        <h3 id="marketing-title">${t.marketingTitle}</h3>
        <p id="marketing-status" role="status">${t.marketingIdle}</p>
        <img class="pixel" data-category="marketing" data-src="/assets/pixel.svg?page=${page}" alt="${t.pixelAlt}" width="1" height="1">
      </section>
      <section class="panel-card panel-wide" aria-labelledby="live-title">
        <h3 id="live-title">${t.cookieLabel}</h3>
        <pre id="panel-cookie" class="mono">–</pre>
        <h3>${t.eventsLabel}</h3>
        <ol id="panel-events" class="mono log"></ol>
        <h3>${t.dataLayerLabel}</h3>
        <ol id="panel-datalayer" class="mono log"></ol>
      </section>
    </div>
  </aside>
  <footer class="site-footer">
    <div class="wrap footer-row">
      <p>${t.footer}</p>
      <p><a href="${href('privacy')}">${t.nav.privacy}</a> · <button type="button" class="link-button" data-consentgate="preferences">${t.settings}</button></p>
    </div>
  </footer>
</body>
</html>
`;
}

const plans = {
  en: [
    ['Start', '6.50', ['Hosted PBX number', 'App for desktop and mobile', 'Voicemail to e-mail']],
    ['Team', '11.00', ['Everything in Start', 'Call queues and opening hours', 'Call recording for 30 days']],
    ['Contact centre', '19.00', ['Everything in Team', 'Live wallboard', 'CRM integration']],
  ],
  nl: [
    ['Start', '6,50', ['Nummer op de hosted centrale', 'App voor computer en mobiel', 'Voicemail naar e-mail']],
    ['Team', '11,00', ['Alles uit Start', 'Wachtrijen en openingstijden', 'Gesprekken 30 dagen opnemen']],
    ['Contactcenter', '19,00', ['Alles uit Team', 'Live wallboard', 'Koppeling met uw CRM']],
  ],
};

const pages = {
  en: {
    home: [
      'Home',
      `    <h1>Business telephony that stays out of your way</h1>
    <p class="lead">Phone numbers, call queues and a softphone app for teams of two to two hundred, run from our own network in the Netherlands.</p>
    <ul class="features">
      <li><strong>Keep your numbers.</strong> We move your existing numbers over on a date you choose.</li>
      <li><strong>Answer anywhere.</strong> Desk phone, laptop or mobile: one number follows you.</li>
      <li><strong>Local support.</strong> A person who knows your setup picks up the phone.</li>
    </ul>
    <p><a class="cta" href="/pricing">See the plans</a> <a class="cta secondary" href="/contact">Ask for a call back</a></p>
    <h2 id="video-title">Two-minute tour</h2>
    <p>A short video from our (made-up) video host. It is a marketing embed: it loads only when you allow marketing.</p>
    <div class="video">
      <iframe data-category="marketing" data-src="/assets/video.html" data-provider="VideoHost" data-policy="/privacy#videohost" title="Video: a two-minute tour of the hosted PBX" width="560" height="315"></iframe>
    </div>`,
    ],
    pricing: [
      'Pricing',
      `    <h1>Pricing</h1>
    <p class="lead">Prices per user per month, excluding VAT and call charges. Cancel monthly.</p>
    <div class="plans">
${plans.en
  .map(
    ([name, price, items]) => `      <section class="plan" aria-labelledby="plan-${name.toLowerCase().replace(/\s+/g, '-')}">
        <h2 id="plan-${name.toLowerCase().replace(/\s+/g, '-')}">${name}</h2>
        <p class="price">€ ${price} <span>per user / month</span></p>
        <ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>
      </section>`,
  )
  .join('\n')}
    </div>
    <p>Not sure which plan fits? <a href="/contact">Tell us about your team</a>.</p>`,
    ],
    contact: [
      'Contact',
      `    <h1>Contact</h1>
    <p class="lead">Leave your details and we call you back on the next working day. (Demo: the form sends nothing.)</p>
    <form id="contact-form" class="form" action="/contact" method="get" novalidate>
      <label for="name">Name</label>
      <input id="name" name="name" autocomplete="name" required>
      <label for="company">Company</label>
      <input id="company" name="company" autocomplete="organization">
      <label for="email">E-mail</label>
      <input id="email" name="email" type="email" autocomplete="email" required>
      <label for="phone">Phone</label>
      <input id="phone" name="phone" type="tel" autocomplete="tel">
      <label for="message">How can we help?</label>
      <textarea id="message" name="message" rows="4"></textarea>
      <button type="submit">Send</button>
      <p id="form-status" role="status" class="form-status"></p>
    </form>`,
    ],
    privacy: [
      'Privacy and cookies',
      `    <h1>Privacy and cookies</h1>
    <p class="lead">A plain summary of how this site uses cookies. The full privacy statement of Infra VOIP is on <a href="https://www.infravoip.com/">infravoip.com</a>.</p>
    <h2>Who is responsible</h2>
    <p>Infra VOIP, a trade name of Infratech Telecommunicatie B.V., Zwaag, the Netherlands, decides what happens with the data described here.</p>
    <h2>What the cookies collect</h2>
    <ul>
      <li><strong>Strictly necessary</strong> (always on): your log-in data for the customer portal, the host name that belongs to your IP address, and the cookie that remembers your choice. The site cannot work without them, so they need no consent.</li>
      <li><strong>Functional</strong>: the language you read the site in.</li>
      <li><strong>Analytics</strong>: the kind of device you use (computer, phone or tablet), your IP address, your browser and operating system, the pages you open and what you look at on them, and where you click. We use this to see which pages help visitors and which do not.</li>
      <li><strong>Marketing</strong>: your IP address, device and the pages you visit, shared with the companies that run our advertising: Meta Platforms, Google Ads and VideoHost (which shows our videos). They act for us, under a processing agreement.</li>
    </ul>
    <p>Nothing in the functional, analytics or marketing groups is stored or loaded before you choose. Refusing costs you nothing: every page works the same.</p>
    <h2 id="videohost">VideoHost</h2>
    <p>Our product videos come from VideoHost. The video player loads only after you allow marketing, because the host can recognise your browser.</p>
    <h2>Changing your mind</h2>
    <p>You can withdraw or change your consent whenever you like, as easily as you gave it: use <button type="button" class="link-button" data-consentgate="preferences">Cookie settings</button> (also at the bottom of every page). The cookies of a group you switch off are deleted straight away.</p>
    <h2>Your rights</h2>
    <p>You may see, correct or have deleted the personal data we hold about you, and object to its use. Write to Infra VOIP, Attn. Personal data, De Corantijn 8, 1689 AP Zwaag, or e-mail info@infravoip.com. You may also complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).</p>`,
    ],
  },
  nl: {
    home: [
      'Home',
      `    <h1>Zakelijke telefonie die u niet in de weg zit</h1>
    <p class="lead">Telefoonnummers, wachtrijen en een softphone-app voor teams van twee tot tweehonderd mensen, vanaf ons eigen netwerk in Nederland.</p>
    <ul class="features">
      <li><strong>Houd uw nummers.</strong> Wij zetten uw bestaande nummers over op een datum die u kiest.</li>
      <li><strong>Opnemen waar u bent.</strong> Bureautoestel, laptop of mobiel: één nummer volgt u.</li>
      <li><strong>Support dichtbij.</strong> U krijgt iemand aan de lijn die uw installatie kent.</li>
    </ul>
    <p><a class="cta" href="/nl/pricing">Bekijk de tarieven</a> <a class="cta secondary" href="/nl/contact">Laat u terugbellen</a></p>
    <h2 id="video-title">Rondleiding van twee minuten</h2>
    <p>Een korte video van onze (verzonnen) videodienst. Het is een marketing-embed: hij laadt pas als u marketing toestaat.</p>
    <div class="video">
      <iframe data-category="marketing" data-src="/assets/video.html" data-provider="VideoHost" data-policy="/nl/privacy#videohost" title="Video: rondleiding van twee minuten door de hosted centrale" width="560" height="315"></iframe>
    </div>`,
    ],
    pricing: [
      'Tarieven',
      `    <h1>Tarieven</h1>
    <p class="lead">Prijzen per gebruiker per maand, exclusief btw en belkosten. Maandelijks opzegbaar.</p>
    <div class="plans">
${plans.nl
  .map(
    ([name, price, items]) => `      <section class="plan" aria-labelledby="plan-${name.toLowerCase().replace(/\s+/g, '-')}">
        <h2 id="plan-${name.toLowerCase().replace(/\s+/g, '-')}">${name}</h2>
        <p class="price">€ ${price} <span>per gebruiker / maand</span></p>
        <ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>
      </section>`,
  )
  .join('\n')}
    </div>
    <p>Twijfelt u welk pakket past? <a href="/nl/contact">Vertel ons over uw team</a>.</p>`,
    ],
    contact: [
      'Contact',
      `    <h1>Contact</h1>
    <p class="lead">Laat uw gegevens achter; wij bellen u de volgende werkdag terug. (Demo: het formulier verstuurt niets.)</p>
    <form id="contact-form" class="form" action="/nl/contact" method="get" novalidate>
      <label for="name">Naam</label>
      <input id="name" name="name" autocomplete="name" required>
      <label for="company">Bedrijf</label>
      <input id="company" name="company" autocomplete="organization">
      <label for="email">E-mail</label>
      <input id="email" name="email" type="email" autocomplete="email" required>
      <label for="phone">Telefoon</label>
      <input id="phone" name="phone" type="tel" autocomplete="tel">
      <label for="message">Waarmee kunnen we helpen?</label>
      <textarea id="message" name="message" rows="4"></textarea>
      <button type="submit">Versturen</button>
      <p id="form-status" role="status" class="form-status"></p>
    </form>`,
    ],
    privacy: [
      'Privacy en cookies',
      `    <h1>Privacy en cookies</h1>
    <p class="lead">Een eenvoudige samenvatting van hoe deze site cookies gebruikt. De volledige privacyverklaring van Infra VOIP staat op <a href="https://www.infravoip.com/">infravoip.com</a>.</p>
    <h2>Wie is verantwoordelijk</h2>
    <p>Infra VOIP, een handelsnaam van Infratech Telecommunicatie B.V. in Zwaag, bepaalt wat er gebeurt met de gegevens die hier staan beschreven.</p>
    <h2>Wat de cookies verzamelen</h2>
    <ul>
      <li><strong>Strikt noodzakelijk</strong> (altijd aan): uw inloggegevens voor het klantportaal, de hostnaam die bij uw IP-adres hoort en de cookie die uw keuze onthoudt. Zonder deze cookies werkt de site niet; er is geen toestemming voor nodig.</li>
      <li><strong>Functioneel</strong>: de taal waarin u de site leest.</li>
      <li><strong>Statistieken</strong>: het soort apparaat (computer, telefoon of tablet), uw IP-adres, uw browser en besturingssysteem, de pagina's die u opent en wat u daarop bekijkt, en waar u klikt. Zo zien we welke pagina's bezoekers helpen en welke niet.</li>
      <li><strong>Marketing</strong>: uw IP-adres, apparaat en de pagina's die u bezoekt, gedeeld met de bedrijven die onze advertenties verzorgen: Meta Platforms, Google Ads en VideoHost (die onze video's toont). Zij werken in onze opdracht, onder een verwerkersovereenkomst.</li>
    </ul>
    <p>Niets uit de groepen functioneel, statistieken of marketing wordt opgeslagen of geladen voordat u kiest. Weigeren kost u niets: elke pagina werkt hetzelfde.</p>
    <h2 id="videohost">VideoHost</h2>
    <p>Onze productvideo's komen van VideoHost. De videospeler laadt pas als u marketing toestaat, omdat de dienst uw browser kan herkennen.</p>
    <h2>Van gedachten veranderen</h2>
    <p>U kunt uw toestemming altijd intrekken of aanpassen, even makkelijk als u die gaf: gebruik <button type="button" class="link-button" data-consentgate="preferences">Cookie-instellingen</button> (ook onderaan elke pagina). De cookies van een groep die u uitzet, worden meteen verwijderd.</p>
    <h2>Uw rechten</h2>
    <p>U mag de persoonsgegevens die wij van u hebben inzien, laten verbeteren of laten verwijderen, en bezwaar maken tegen het gebruik ervan. Schrijf naar Infra VOIP, t.a.v. Persoonsgegevens, De Corantijn 8, 1689 AP Zwaag, of mail naar info@infravoip.com. U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.</p>`,
    ],
  },
};

export function writePages() {
  for (const lang of ['en', 'nl']) {
    for (const [page, [title, main]] of Object.entries(pages[lang])) {
      const file = join(here, lang === 'nl' ? 'nl' : '', page === 'home' ? 'index.html' : `${page}.html`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, layout(lang, page, title, main));
    }
  }
  writeFileSync(
    join(here, '404.html'),
    layout('en', '404', 'Not found', '    <h1>Page not found</h1>\n    <p>That page does not exist. <a href="/">Go to the home page</a>.</p>'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writePages();
