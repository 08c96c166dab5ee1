/* Turns the directory's SVG map into a Leaflet map: the area outline and the public
   locations, with background tiles only when a tile server is configured. */
(function () {
  "use strict";
  document.querySelectorAll(".directory-map").forEach(function (figure) {
    var holder = figure.querySelector(".leaflet-map");
    var source = document.getElementById(holder.dataset.points);
    if (!window.L || !source) { return; }
    var data = JSON.parse(source.textContent);
    holder.hidden = false;
    var svg = figure.querySelector("svg");
    if (svg) { svg.style.display = "none"; }
    var map = L.map(holder, { scrollWheelZoom: false, attributionControl: true });
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution }).addTo(map);
    }
    var layers = [];
    data.outlines.forEach(function (outline) {
      layers.push(L.geoJSON(outline, { style: { color: "#1d2330", weight: 1.2, fillColor: "#dbe7f5", fillOpacity: 0.6 } }));
    });
    data.points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], { radius: 8, color: "#fff", weight: 2, fillColor: "#8a4b00", fillOpacity: 1 });
      var link = document.createElement("a");
      link.href = point.href;
      link.textContent = point.label;
      marker.bindPopup(link);
      layers.push(marker);
    });
    var group = L.featureGroup(layers).addTo(map);
    if (layers.length) { map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 15 }); }
  });
})();
