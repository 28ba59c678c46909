// The demo's contact form sends nothing: it checks the two required fields and says thanks.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('contact-form');
  var status = document.getElementById('form-status');
  if (!form || !status) return;
  var nl = document.documentElement.lang === 'nl';
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var name = form.elements.namedItem('name');
    var email = form.elements.namedItem('email');
    if (!name.value.trim() || !email.value.trim() || !email.checkValidity()) {
      status.textContent = nl ? 'Vul uw naam en een geldig e-mailadres in.' : 'Please fill in your name and a valid e-mail address.';
      (name.value.trim() ? email : name).focus();
      return;
    }
    status.textContent = nl
      ? 'Bedankt, ' + name.value.trim() + '. Dit is een demo: er is niets verstuurd.'
      : 'Thank you, ' + name.value.trim() + '. This is a demo: nothing was sent.';
    form.reset();
  });
});
