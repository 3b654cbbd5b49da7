/* Search form enhancements. Everything here is optional: the form works without it.
 * - "Use my location": fills the hidden lat/lon with the position rounded to 3 decimals
 *   (about 100 m) and submits; the button stays hidden without JavaScript or geolocation.
 * - Short, shareable URLs: empty fields and the default distance are left out on submit.
 * - The print view's "Print" button.
 */
(function () {
  "use strict";

  function rounded(value) {
    return String(Math.round(value * 1000) / 1000);
  }

  function submit(form) {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function setUpGeolocation(form) {
    var button = form.querySelector("[data-geolocate]");
    var status = form.querySelector("[data-geolocate-status]");
    var place = form.elements.namedItem("place");
    var lat = form.elements.namedItem("lat");
    var lon = form.elements.namedItem("lon");
    if (place && lat && lon) {
      // A typed place wins over an earlier "Use my location".
      place.addEventListener("input", function () {
        lat.value = "";
        lon.value = "";
      });
    }
    if (!button || !lat || !lon || !("geolocation" in navigator)) {
      return;
    }
    var label = button.textContent;
    function say(message) {
      if (status) {
        status.textContent = message || "";
      }
    }
    function reset() {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = label;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      button.textContent = button.dataset.msgBusy;
      say(button.dataset.msgBusy);
      navigator.geolocation.getCurrentPosition(function (position) {
        lat.value = rounded(position.coords.latitude);
        lon.value = rounded(position.coords.longitude);
        if (place) {
          place.value = "";
        }
        say("");
        reset();
        submit(form);
      }, function (error) {
        reset();
        say(error && error.code === 1 ? button.dataset.msgDenied : button.dataset.msgFailed);
        if (place) {
          place.focus();
        }
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }

  function setUpShortUrls(form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled || field.type === "checkbox") {
          return;
        }
        var isDefault = field.dataset.default !== undefined && field.value === field.dataset.default;
        if (field.value === "" || isDefault) {
          field.disabled = true;
          field.dataset.disabledForSubmit = "1";
        }
      });
    });
  }

  // Coming back with the Back button shows the page as it was left: enable the fields again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-disabled-for-submit]").forEach(function (field) {
      field.disabled = false;
      delete field.dataset.disabledForSubmit;
    });
  });

  document.querySelectorAll("form[data-search-form]").forEach(function (form) {
    setUpGeolocation(form);
    setUpShortUrls(form);
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
}());
