// The demo's live panel. An ordinary script (not gated) that only reads: it lists the
// consentgate:* events dispatched on window, the dataLayer entries, and the current
// value of the consent cookie. It is loaded before consentgate.js so it sees every event.
(function () {
  var NAMES = ['consent', 'change', 'show', 'hide'];
  var events = [];
  NAMES.forEach(function (name) {
    window.addEventListener('consentgate:' + name, function (event) {
      events.push({ at: new Date().toLocaleTimeString(), name: name, detail: event.detail });
      render();
    });
  });

  var summary = function (name, detail) {
    if (!detail) return '';
    if (name === 'consent') {
      var granted = Object.keys(detail.categories || {}).filter(function (k) { return detail.categories[k]; });
      return detail.action + ' → ' + granted.join(', ') + (detail.gpc ? ' (GPC)' : '');
    }
    if (name === 'change') return '+[' + detail.granted.join(', ') + '] −[' + detail.revoked.join(', ') + ']';
    return detail.view || '';
  };
  var entry = function (item) {
    // gtag() pushes its `arguments` object: show it as the array it stands for.
    var value = item && typeof item === 'object' && !Array.isArray(item) && typeof item.length === 'number'
      ? Array.prototype.slice.call(item)
      : item;
    try { return JSON.stringify(value); } catch (error) { return String(value); }
  };
  var fill = function (id, lines) {
    var list = document.getElementById(id);
    if (!list) return;
    var text = lines.join('\n');
    if (list.getAttribute('data-shown') === text) return; // unchanged: leave the DOM alone
    list.setAttribute('data-shown', text);
    while (list.firstChild) list.removeChild(list.firstChild);
    lines.forEach(function (line) {
      var li = document.createElement('li');
      li.textContent = line;
      list.appendChild(li);
    });
  };

  function render() {
    if (!document.body) return;
    var cookie = document.cookie.split('; ').filter(function (c) { return c.indexOf('consentgate=') === 0; })[0];
    var box = document.getElementById('panel-cookie');
    var shown = cookie ? cookie.slice('consentgate='.length) : '(none: no decision stored)';
    if (box && box.textContent !== shown) box.textContent = shown;
    fill('panel-events', events.slice(-12).map(function (e) {
      return e.at + '  consentgate:' + e.name + '  ' + summary(e.name, e.detail);
    }));
    fill('panel-datalayer', (window.dataLayer || []).slice(-12).map(entry));
  }

  document.addEventListener('DOMContentLoaded', function () {
    render();
    // Cookies and dataLayer change without events (the stand-in tags write them): look again each second.
    setInterval(render, 1000);
  });
})();
