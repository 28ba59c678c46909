// Stand-in for an analytics tag (think gtag.js with GA4). The page loads it gated:
//   <script type="text/plain" data-category="analytics" src="/assets/analytics.js">
// so it runs only after consent to analytics. It sets _ga-style first-party cookies,
// counts this browser's page views in one of them and shows the count on the page.
(function () {
  var TWO_YEARS = 60 * 60 * 24 * 730;
  var read = function (name) {
    var hit = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return hit ? hit.slice(name.length + 1) : null;
  };
  var write = function (name, value) {
    document.cookie = name + '=' + value + '; Max-Age=' + TWO_YEARS + '; Path=/; SameSite=Lax';
  };
  var now = Math.floor(Date.now() / 1000);
  var clientId = read('_ga') || 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now;
  write('_ga', clientId);
  // _ga_<stream>: GS1.1.<first seen>.<page views>
  var session = (read('_ga_DEMO') || '').split('.');
  var firstSeen = Number(session[2]) || now;
  var views = (Number(session[3]) || 0) + 1;
  write('_ga_DEMO', 'GS1.1.' + firstSeen + '.' + views);

  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'page_view', page_path: location.pathname, demo_page_views: views });

  var nl = document.documentElement.lang === 'nl';
  var show = function (text) {
    var status = document.getElementById('analytics-status');
    if (status) status.textContent = text;
  };
  var running = nl
    ? 'Actief: ' + views + (views === 1 ? ' paginaweergave' : ' paginaweergaven') + ' geteld in deze browser (cookies _ga en _ga_DEMO).'
    : 'Running: ' + views + (views === 1 ? ' page view' : ' page views') + ' counted in this browser (cookies _ga and _ga_DEMO).';
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { show(running); });
  else show(running);

  // Withdrawal: consentgate deletes _ga and _ga_* at once; a script that already ran
  // cannot be unloaded, so it says it stops counting and is gone from the next page on.
  window.addEventListener('consentgate:change', function (event) {
    if (event.detail && event.detail.revoked.indexOf('analytics') !== -1) {
      show(nl
        ? 'Toestemming ingetrokken: de cookies zijn verwijderd; vanaf de volgende pagina draait dit script niet meer.'
        : 'Consent withdrawn: its cookies were deleted; from the next page on this script does not run.');
    }
  });
})();
