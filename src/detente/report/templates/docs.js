/* detente /docs: the "Try it" forms. Each form calls its GET endpoint on this server and shows
   the JSON answer; path parameters fill the {name} parts of the path, the others the query. */
(function () {
  "use strict";
  document.querySelectorAll("form.try").forEach(function (form) {
    var out = form.nextElementSibling;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var path = form.dataset.path;
      var query = new URLSearchParams();
      form.querySelectorAll("input").forEach(function (input) {
        if (!input.value) { return; }
        if (input.dataset.in === "path") {
          path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
        } else {
          query.append(input.name, input.value);
        }
      });
      var url = path + (query.toString() ? "?" + query.toString() : "");
      out.hidden = false;
      out.textContent = "GET " + url + " …";
      fetch(url, {headers: {"Accept": "application/json"}})
        .then(function (r) {
          return r.text().then(function (body) {
            var text = body;
            try { text = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* not JSON */ }
            out.textContent = "GET " + url + " → " + r.status + "\n" + text;
          });
        })
        .catch(function (e) { out.textContent = "GET " + url + " failed: " + e; });
    });
  });
})();
