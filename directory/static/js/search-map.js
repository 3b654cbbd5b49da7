/* The results map (an enhancement: the list below it has every result and link).
 * Reads its settings from data- attributes of #results-map, the results from /search.json,
 * and draws numbered markers (matching the list), the search radius and the searched point
 * over US state outlines, or over tiles when the site configures a tile server.
 */
(function () {
  "use strict";

  var element = document.getElementById("results-map");
  if (!element || typeof L === "undefined" || !window.fetch) {
    return;
  }
  var data = element.dataset;
  var status = document.querySelector("[data-map-status]");
  var METERS_PER_MILE = 1609.344;

  function fill(template, name, value) {
    return (template || "").split("{" + name + "}").join(value);
  }

  function failed() {
    element.hidden = true;
    var note = document.querySelector("[data-map-note]");
    if (note) {
      note.hidden = true;
    }
    if (status) {
      status.textContent = data.textFailed;
    }
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      });
  }

  function popupEntry(hit, number) {
    var box = document.createElement("div");
    box.className = "map-popup-entry";
    var title = document.createElement("p");
    title.className = "map-popup-title";
    var link = document.createElement("a");
    link.href = hit.url;
    link.textContent = number + ". " + hit.name;
    title.appendChild(link);
    box.appendChild(title);
    if (hit.distance_miles !== null) {
      var miles = fill(data.textMiles, "num", hit.distance_miles.toFixed(1));
      var distance = document.createElement("p");
      distance.textContent = fill(data.textDistance, "distance", miles);
      box.appendChild(distance);
    }
    if (hit.phone) {
      var phone = document.createElement("a");
      phone.href = "tel:" + hit.phone.replace(/[^0-9+]/g, "");
      phone.textContent = fill(data.textCall, "phone", hit.phone);
      box.appendChild(phone);
    }
    return box;
  }

  // One marker per place: services at the same address share it, and its popup lists them.
  function marker(place) {
    var numbers = place.map(function (entry) { return entry.number; });
    var label = document.createElement("span");
    label.textContent = numbers.length > 1 ? numbers[0] + "+" : String(numbers[0]);
    var icon = L.divIcon({
      className: "result-marker", html: label, iconSize: [32, 32],
      iconAnchor: [16, 16], popupAnchor: [0, -14]
    });
    var names = place.map(function (entry) { return entry.number + ". " + entry.hit.name; });
    var content = document.createElement("div");
    content.className = "map-popup";
    place.forEach(function (entry) {
      content.appendChild(popupEntry(entry.hit, entry.number));
    });
    if (place[0].hit.address) {
      var address = document.createElement("p");
      address.className = "map-popup-address";
      address.textContent = place[0].hit.address;
      content.appendChild(address);
    }
    var item = L.marker([place[0].hit.lat, place[0].hit.lon], {
      icon: icon, title: names.join("; "), keyboard: true, riseOnHover: true
    }).bindPopup(content, { maxHeight: 260 });
    item.on("add", function () {
      var element = item.getElement();
      if (element) {
        element.setAttribute("aria-label", names.join("; "));
      }
    });
    return item;
  }

  function places(found) {
    var first = (found.page - 1) * found.per_page;
    var byPoint = {};
    var order = [];
    found.results.forEach(function (hit, index) {
      if (hit.lat === null || hit.lon === null) {
        return;
      }
      var key = hit.lat.toFixed(5) + "," + hit.lon.toFixed(5);
      if (!byPoint[key]) {
        byPoint[key] = [];
        order.push(key);
      }
      byPoint[key].push({ hit: hit, number: first + index + 1 });
    });
    return order.map(function (key) { return byPoint[key]; });
  }

  element.hidden = false;
  var note = document.querySelector("[data-map-note]");
  if (note) {
    note.hidden = false;
  }
  var map = L.map(element, {
    scrollWheelZoom: false, dragging: !L.Browser.mobile, tap: false, zoomSnap: 0.5
  });
  map.setView([39.8, -98.6], 4);

  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 }).addTo(map);
  } else {
    map.attributionControl.addAttribution(data.outlinesAttribution);
    getJSON(data.outlinesUrl).then(function (outlines) {
      L.geoJSON(outlines, {
        interactive: false,
        style: { color: "#7d8a99", weight: 1, fillColor: "#f6f3ea", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* the markers still make sense on a blank background */ });
  }

  var bounds = null;
  if (data.lat && data.lon) {
    var centre = L.latLng(parseFloat(data.lat), parseFloat(data.lon));
    var meters = parseFloat(data.radiusMiles) * METERS_PER_MILE;
    L.circle(centre, {
      radius: meters, className: "search-radius", color: "#0b5f73", weight: 2,
      fillOpacity: 0.04, interactive: false
    }).addTo(map);
    L.circleMarker(centre, {
      radius: 7, className: "search-point", color: "#ffffff", weight: 2,
      fillColor: "#b3261e", fillOpacity: 1
    }).bindTooltip(data.textPoint).addTo(map);
    bounds = L.latLngBounds([centre]);
    map.fitBounds(centre.toBounds(meters * 2));
  }

  getJSON(data.resultsUrl).then(function (found) {
    places(found).forEach(function (place) {
      var item = marker(place).addTo(map);
      bounds = bounds ? bounds.extend(item.getLatLng()) : L.latLngBounds([item.getLatLng()]);
    });
    if (bounds) {
      map.fitBounds(bounds, { padding: [28, 28], maxZoom: 15 });
    }
  }).catch(failed);
}());
