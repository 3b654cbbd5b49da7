/* The embedded search (/embed, inside an iframe on another site): tell the page around the
 * frame how tall our content is, so the snippet's listener can size the frame without a
 * scroll bar. Optional: without it the frame keeps its starting height and scrolls.
 * Message: {type: "directory-embed", height: <CSS pixels>, loaded: <first message of this page>}.
 */
(function () {
  "use strict";

  if (window.parent === window) {
    return;
  }
  var last = -1;
  var loaded = true;

  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) {
      return;
    }
    last = height;
    // "*": any site may frame the search (or the configured allow-list, which the browser
    // enforces through frame-ancestors), and a height says nothing private.
    window.parent.postMessage({ type: "directory-embed", height: height, loaded: loaded }, "*");
    loaded = false;
  }

  post();
  window.addEventListener("load", post);
  if ("ResizeObserver" in window) {
    new ResizeObserver(post).observe(document.documentElement);
  } else {
    window.addEventListener("resize", post);
  }
  // Opening a "Kind of support" disclosure changes the height too (ResizeObserver sees it;
  // older browsers need the toggle).
  document.querySelectorAll("details").forEach(function (details) {
    details.addEventListener("toggle", post);
  });
}());
