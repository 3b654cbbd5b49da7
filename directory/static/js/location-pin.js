/* The map pin of a location form (an enhancement: the latitude and longitude fields below the
 * map work without it). Shows the pin over US state outlines, or tiles when the site configures
 * a tile server; dragging the pin fills the coordinate fields. On the review page
 * (data-readonly) the pin only shows the proposed place.
 */
(function () {
  "use strict";

  var element = document.getElementById("pin-map");
  if (!element || typeof L === "undefined" || !element.dataset.lat) {
    return;
  }
  var data = element.dataset;
  var lat = parseFloat(data.lat);
  var lon = parseFloat(data.lon);
  if (isNaN(lat) || isNaN(lon)) {
    return;
  }
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5 });
  map.setView([lat, lon], data.tileUrl ? 16 : 9);
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 19 }).addTo(map);
  } else if (window.fetch) {
    map.attributionControl.addAttribution(data.outlinesAttribution);
    fetch(data.outlinesUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (outlines) {
        if (outlines) {
          L.geoJSON(outlines, {
            interactive: false,
            style: { color: "#7d8a99", weight: 1, fillColor: "#f6f3ea", fillOpacity: 1 }
          }).addTo(map).bringToBack();
        }
      })
      .catch(function () { /* the pin still shows on a blank background */ });
  }
  var readonly = data.readonly === "1";
  var marker = L.marker([lat, lon], {
    draggable: !readonly, keyboard: true, title: data.textPin, alt: data.textPin
  }).addTo(map);
  if (readonly) {
    return;
  }
  var latField = document.getElementById("latitude");
  var lonField = document.getElementById("longitude");
  marker.on("dragend", function () {
    var point = marker.getLatLng();
    if (latField && lonField) {
      latField.value = point.lat.toFixed(6);
      lonField.value = L.Util.wrapNum(point.lng, [-180, 180], true).toFixed(6);
    }
  });
}());
