/* certwise: a little progressive enhancement. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The questionnaire: one question at a time, with Back / Next. No dead ends: Next checks the
  // step (the constraints are in the HTML, from the profile spec), "Show my results" checks every
  // step and opens the one with the first bad answer, with the message beside the field; a page
  // the server sent back with problems opens at the step of the first (fieldset[data-open]).
  function wizard(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-step]"));
    if (steps.length < 2) return;
    form.noValidate = true; // the browser's own bubble cannot reach a field on a hidden step
    var i = 0;
    var progress = form.querySelector("[data-progress]");
    var nav = document.createElement("div");
    nav.className = "wizard-nav";
    var back = document.createElement("button");
    back.type = "button"; back.className = "secondary"; back.textContent = "Back";
    var next = document.createElement("button");
    next.type = "button"; next.textContent = "Next";
    next.setAttribute("data-next", "");
    nav.appendChild(back); nav.appendChild(next);
    var submit = form.querySelector("[data-submit]");
    var submitButton = submit.querySelector("button");
    var finalText = submitButton.textContent;
    submit.parentNode.insertBefore(nav, submit);
    function show(k) {
      i = Math.max(0, Math.min(steps.length - 1, k));
      steps.forEach(function (s, j) { s.hidden = j !== i; });
      back.disabled = i === 0;
      var last = i === steps.length - 1;
      next.hidden = last;
      submitButton.textContent = last ? finalText : "Skip the rest and show results";
      submitButton.className = last ? "" : "secondary";
      if (progress) progress.textContent = "Question " + (i + 1) + " of " + steps.length;
    }
    function stepOf(el) {
      for (var j = 0; j < steps.length; j++) { if (steps[j].contains(el)) return j; }
      return -1;
    }
    function focusStep() {
      var first = steps[i].querySelector("input, select, textarea");
      if (first) first.focus();
    }
    function named(name) {
      return Array.prototype.slice.call(form.querySelectorAll("[name]")).filter(function (x) { return x.name === name; });
    }
    function describe(el, id, on) {
      var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
      if (on) ids.push(id);
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
      if (on) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
    }
    function errorBox(el) {
      var id = el.name + "-error";
      var box = document.getElementById(id);
      if (!box) {
        box = document.createElement("p");
        box.className = "field-error"; box.id = id;
        var after = el.closest(".field") ? el : (el.closest(".choices") || el);
        after.parentNode.insertBefore(box, after.nextSibling);
      }
      return box;
    }
    function message(el) {
      var fix = el.getAttribute("data-fix");
      if (!fix) return el.validationMessage;
      if (el.value) return "You wrote \u201c" + el.value + "\u201d: " + fix + ".";
      return fix.charAt(0).toUpperCase() + fix.slice(1) + ".";
    }
    function complain(el) {
      var box = errorBox(el);
      box.textContent = message(el);
      box.hidden = false;
      named(el.name).forEach(function (x) { describe(x, box.id, true); });
    }
    function settle(name) { // an answer changed: its message goes once it is right, else follows it
      var box = document.getElementById(name + "-error");
      if (!box || box.hidden) return;
      var els = named(name);
      var bad = els.filter(function (x) { return x.willValidate && !x.validity.valid; })[0];
      if (bad) { box.textContent = message(bad); return; }
      box.hidden = true;
      els.forEach(function (x) { describe(x, box.id, false); });
    }
    function firstInvalid(scope) {
      var els = scope.querySelectorAll("input, select, textarea");
      for (var j = 0; j < els.length; j++) {
        if (els[j].willValidate && !els[j].validity.valid) return els[j];
      }
      return null;
    }
    function reveal(el) { // focus the field and keep its message on screen too (a phone scrolls to the field only)
      el.focus();
      var box = document.getElementById(el.name + "-error");
      if (box && !box.hidden && box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
    }
    function stopAt(el) { show(stepOf(el)); complain(el); reveal(el); }
    function forward() {
      var bad = firstInvalid(steps[i]);
      if (bad) { stopAt(bad); return; }
      show(i + 1); focusStep();
    }
    back.addEventListener("click", function () { show(i - 1); focusStep(); });
    next.addEventListener("click", forward);
    form.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.tagName === "INPUT" && i < steps.length - 1) {
        e.preventDefault(); forward();
      }
    });
    form.addEventListener("submit", function (e) {
      var bad = firstInvalid(form);
      if (bad) { e.preventDefault(); stopAt(bad); }
    });
    form.addEventListener("input", function (e) { if (e.target.name) settle(e.target.name); });
    form.addEventListener("change", function (e) { if (e.target.name) settle(e.target.name); });
    // The server's list of problems: each link opens the step of its question.
    var problems = document.querySelector("[data-problems]");
    if (problems) {
      problems.addEventListener("click", function (e) {
        var a = e.target.closest("a[href^='#']");
        var el = a && document.getElementById(a.getAttribute("href").slice(1));
        if (!el || stepOf(el) < 0) return;
        e.preventDefault(); show(stepOf(el)); reveal(el);
      });
    }
    var open = form.querySelector("fieldset[data-step][data-open]");
    show(open ? steps.indexOf(open) : 0);
    if (problems) problems.focus();
  }

  // Catalog: tick 2–4 to compare.
  function compare(form) {
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=ids]"));
    var status = form.querySelector("#compare-status");
    var button = form.querySelector("#compare-button");
    function update() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      boxes.forEach(function (b) { b.disabled = !b.checked && n >= 4; });
      button.disabled = n < 2;
      status.textContent = n === 0 ? "Tick 2 to 4 credentials." :
        n + " selected" + (n < 2 ? " — tick at least one more." : n >= 4 ? " (the most you can compare)." : ".");
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
  }

  // Copy the share link.
  function share(box) {
    var input = box.querySelector("input");
    var btn = document.createElement("button");
    btn.type = "button"; btn.className = "secondary"; btn.textContent = "Copy link";
    var note = document.createElement("span");
    note.setAttribute("aria-live", "polite");
    btn.addEventListener("click", function () {
      input.select();
      var done = function () { note.textContent = " Copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else { document.execCommand("copy"); done(); }
    });
    box.appendChild(btn); box.appendChild(note);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.wizard").forEach(wizard);
    document.querySelectorAll("form[data-compare]").forEach(compare);
    document.querySelectorAll("[data-share]").forEach(share);
  });
})();
