/* detente: draw every figure of the page. The figures are JSON in the script element "figure-data",
   keyed by the id of the element to draw into (inlined in the report, /static/figures.js on the web). */
(function () {
  "use strict";
  var holder = document.getElementById("figure-data");
  if (!holder || typeof Plotly === "undefined") { return; }
  var figures = JSON.parse(holder.textContent);
  Object.keys(figures).forEach(function (id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var small = el.classList.contains("spark");
    Plotly.newPlot(el, figures[id].data, figures[id].layout,
                   {responsive: !small, displaylogo: false, staticPlot: small});
  });
})();
