// Voiceprint's only script: small enhancements of pages that work without it.
(function () {
  "use strict";

  // The order page: poll the progress endpoint until the order is finished, then reload once
  // so that the page shows the links of its final stage.
  function followProgress(box) {
    if (box.dataset.finished === "true") { return; }
    var stage = box.querySelector("[data-progress-stage]");
    var message = box.querySelector("[data-progress-message]");
    var bar = box.querySelector("progress");
    function poll() {
      fetch(box.dataset.url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (progress) {
          stage.textContent = progress.stage_label.charAt(0).toUpperCase() + progress.stage_label.slice(1);
          message.textContent = progress.message;
          if (progress.total) {
            bar.max = progress.total;
            bar.value = progress.done;
          } else {
            bar.removeAttribute("value");
          }
          if (progress.finished) { window.location.reload(); } else { setTimeout(poll, 2000); }
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 2000);
  }

  // The order form: preselect the browser's time zone on a fresh form (the server's default
  // otherwise); a form sent back with errors keeps what the client chose.
  function preselectTimezone(field) {
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !field.form.querySelector("[aria-invalid=true], .errorlist")) { field.value = zone; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress]").forEach(followProgress);
    document.querySelectorAll("[data-browser-timezone]").forEach(preselectTimezone);
  });
})();
