/* certwise: a little progressive enhancement. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The questionnaire: one question at a time, with Back / Next.
  function wizard(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-step]"));
    if (steps.length < 2) return;
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
    back.addEventListener("click", function () { show(i - 1); focusStep(); });
    next.addEventListener("click", function () { show(i + 1); focusStep(); });
    function focusStep() {
      var first = steps[i].querySelector("input, select, textarea");
      if (first) first.focus();
    }
    form.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.tagName === "INPUT" && i < steps.length - 1) {
        e.preventDefault(); show(i + 1); focusStep();
      }
    });
    show(0);
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
