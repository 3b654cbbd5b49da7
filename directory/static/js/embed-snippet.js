/* The snippet page (/embed/snippet): a "Copy the code" button, and the preview frame sized to
 * its content from embed.js's messages (what the snippet's listener does on a host's page).
 * Optional: without it the code can be selected and copied by hand, and the preview scrolls.
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = button.dataset.msgCopied;
      }, function () {
        source.select();
        status.textContent = button.dataset.msgFailed;
      });
    });
  });

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== window.location.origin || !data || data.type !== "directory-embed"
        || typeof data.height !== "number") {
      return;
    }
    document.querySelectorAll("iframe[data-embed-preview]").forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.ceil(data.height) + "px";
      }
    });
  });
}());
