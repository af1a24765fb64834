// Quick exit: leave for a neutral page at once, replacing this page in the tab's history,
// signing out in the background and blanking the page so a Back press shows nothing private.
// Without JavaScript the control is a plain link to the same neutral page.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }

  function leave(event) {
    if (event) { event.preventDefault(); }
    var target = link.getAttribute("href");
    try {
      var signout = link.getAttribute("data-signout");
      var csrf = link.getAttribute("data-csrf");
      if (signout && csrf && navigator.sendBeacon) {
        var form = new FormData();
        form.append("csrfmiddlewaretoken", csrf);
        navigator.sendBeacon(signout, form);
      }
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch (ignored) { /* storage may be disabled; leaving matters more */ }
    document.title = "";
    document.body.textContent = "";
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  // Two presses of Escape within a second also leave (a common shortcut on support sites).
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { leave(event); }
    lastEscape = now;
  });

  // Move focus to a form's error summary so keyboard and screen-reader users hear it first.
  var alertBox = document.getElementById("form-alert");
  if (alertBox) { alertBox.focus(); }
}());
