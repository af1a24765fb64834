/* Keep the story editor's unsaved text as a private draft on the server while the person writes.
   Hand-written, no library (the Content-Security-Policy allows only same-origin scripts).
   The page works without it; the server's answer is only ever shown with textContent. */
(function () {
  "use strict";

  var DELAY_MS = 2000; /* soon after the writer pauses, not on every key press */

  function start() {
    var box = document.querySelector("[data-autosave-url]");
    if (!box) { return; }
    var form = box.querySelector("form");
    var status = document.getElementById("autosave-status");
    if (!form || !status) { return; }
    var timer = null;

    function save() {
      var body = new FormData(form);
      fetch(box.getAttribute("data-autosave-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" }
      }).then(function (response) {
        return response.json();
      }).then(function (answer) {
        status.textContent = answer.message || "";
      }).catch(function () {
        status.textContent = box.getAttribute("data-failed") || "";
      });
    }

    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
