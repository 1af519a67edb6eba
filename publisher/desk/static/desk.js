// The desk's only script: a live fit check while typing, "select all", and filters that apply at once.
// Every page works without it (forms post and redirect); nothing is loaded from anywhere else.
(function () {
  "use strict";

  function csrfOf(form) {
    var field = form.querySelector("input[name=csrf]");
    return field ? field.value : "";
  }

  function fitCheck(form) {
    var area = form.querySelector("textarea[name=text]");
    var out = form.querySelector("[data-fit-output]");
    var button = form.querySelector("button");
    if (!area || !out) { return; }
    var timer = null;
    var asked = 0;
    function ask() {
      var mine = ++asked;
      var body = new URLSearchParams();
      body.set("post_id", form.getAttribute("data-fit"));
      body.set("text", area.value);
      body.set("csrf", csrfOf(form));
      fetch("/fit", {method: "POST", body: body, credentials: "same-origin",
                     headers: {"X-CSRF-Token": csrfOf(form)}})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (mine !== asked) { return; }  // an older answer arriving late
          out.textContent = "";
          var count = document.createElement("strong");
          count.textContent = data.length + " / " + data.limit + " " + data.unit;
          out.appendChild(count);
          out.className = "fit " + (data.ok ? "ok" : "over");
          data.problems.concat(data.notes).forEach(function (line) {
            var p = document.createElement("span");
            p.className = "why";
            p.textContent = line;  // text, never HTML
            out.appendChild(p);
          });
          if (button) { button.disabled = !data.ok; }
          var words = document.querySelector("#live-preview .words");
          if (words && data.parts) {
            words.textContent = "";
            data.parts.forEach(function (part) {
              var el = document.createElement("span");
              if (part.kind !== "text") { el.className = part.kind === "link" ? "link" : "tag"; }
              el.textContent = part.text;
              words.appendChild(el);
            });
          }
        })
        .catch(function () { out.textContent = "(fit check unavailable: the server will check on save)"; });
    }
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-fit]").forEach(fitCheck);
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        box.form.querySelectorAll("input[name=ids]").forEach(function (c) { c.checked = box.checked; });
      });
    });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  });
})();
