// Stand-in for an advertising tag (think the Meta pixel). Loaded gated:
//   <script type="text/plain" data-category="marketing" src="/assets/marketing.js">
// It sets an _fbp-style cookie and says so on the page. The 1×1 image beside it
// (<img data-category="marketing" data-src="/assets/pixel.svg">) is the "pixel" request.
(function () {
  var read = function (name) {
    var hit = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return hit ? hit.slice(name.length + 1) : null;
  };
  var id = read('_fbp') || 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9);
  document.cookie = '_fbp=' + id + '; Max-Age=' + 60 * 60 * 24 * 90 + '; Path=/; SameSite=Lax';

  var nl = document.documentElement.lang === 'nl';
  var show = function (text) {
    var status = document.getElementById('marketing-status');
    if (status) status.textContent = text;
  };
  var running = nl ? 'Geladen: cookie _fbp gezet, pixel opgevraagd.' : 'Loaded: cookie _fbp set, pixel requested.';
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { show(running); });
  else show(running);

  window.addEventListener('consentgate:change', function (event) {
    if (event.detail && event.detail.revoked.indexOf('marketing') !== -1) {
      show(nl ? 'Toestemming ingetrokken: _fbp is verwijderd.' : 'Consent withdrawn: _fbp was deleted.');
    }
  });
})();
