/* detente: draw every figure of the page. The figures are JSON in the script element "figure-data",
   keyed by the id of the element to draw into (inlined in the report, /static/figures.js on the web).
   Clicking a point or bar opens the evidence panel: the period's events and statements from the
   JSON in "evidence-data", each linking to its sentence. Text is set with textContent, never HTML. */
(function () {
  "use strict";
  var holder = document.getElementById("figure-data");
  if (!holder || typeof Plotly === "undefined") { return; }
  var figures = JSON.parse(holder.textContent);
  var evHolder = document.getElementById("evidence-data");
  var evidence = evHolder ? JSON.parse(evHolder.textContent) : null;
  var panel = document.getElementById("evidence-panel");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function show(period) {
    if (!panel || !evidence) { return; }
    var items = evidence[period] || [];
    panel.replaceChildren();
    panel.appendChild(el("h3", "Evidence for the period starting " + period));
    if (!items.length) {
      panel.appendChild(el("p", "No events or statements in this period.", "muted"));
    }
    var list = el("ul");
    items.forEach(function (it) {
      var li = el("li", null, "evidence-item " + it.kind);
      li.appendChild(el("span", (it.date || "") + " " + it.label + " · " + (it.source || "") + " ", "muted"));
      var a = el("a", it.sentence || "(no sentence)");
      a.href = it.href;
      li.appendChild(a);
      list.appendChild(li);
    });
    panel.appendChild(list);
    var close = el("button", "Close");
    close.type = "button";
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    panel.hidden = false;
    panel.dataset.period = period;
  }

  Object.keys(figures).forEach(function (id) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var small = node.classList.contains("spark");
    Plotly.newPlot(node, figures[id].data, figures[id].layout,
                   {responsive: !small, displaylogo: false, staticPlot: small});
    if (!small && evidence && node.on) {
      node.on("plotly_click", function (ev) {
        if (!ev || !ev.points || !ev.points.length) { return; }
        show(String(ev.points[0].x).slice(0, 10));
      });
    }
  });
})();
