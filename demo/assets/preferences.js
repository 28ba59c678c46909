// Gated as "preferences": remembers the language the visitor last read the site in.
(function () {
  var lang = document.documentElement.lang || 'en';
  document.cookie = 'iv_lang=' + encodeURIComponent(lang) + '; Max-Age=' + 60 * 60 * 24 * 365 + '; Path=/; SameSite=Lax';
})();
