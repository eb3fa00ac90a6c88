/*
 * qz-keys.js: keyboard shortcuts for quizzes on a desktop, listed under each quiz:
 * 1–4 or A–D choose an option of the question holding the focus (a multiple choice
 * toggles it), Enter checks (核对本题 in 综合练习) or moves to the next question (the next
 * group's first, in 分组作答), and on the quiz's last one 提交答案. Nothing happens while typing into a blank (except Enter), with a
 * modifier key held, or outside a quiz. Hooks into qz-quiz.js through "qz:quiz-ready"
 * (see qz-marks.js); the listener on the document goes when the member leaves the page.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var TEXT = qz.text("keys");
  var KEYS = { "1": 0, "2": 1, "3": 2, "4": 3, a: 0, b: 1, c: 2, d: 3 };

  function hint(event) {
    var root = event.detail.quiz.root;
    if (root.querySelector("[data-qz-keys]")) return;
    var line = document.createElement("p");
    line.className = "qz-keys";
    line.setAttribute("data-qz-keys", "");
    line.textContent = TEXT.hint;
    root.insertBefore(line, root.querySelector("[data-qz-actions]"));
  }

  function visible(node) {
    return !!node && !node.hidden && node.offsetParent !== null;
  }

  /* The question a key acts on: the one holding the focus, else the only one showing. */
  function questionFor(target, root) {
    var inside = target.closest && target.closest("fieldset[data-question-id]");
    if (inside) return inside;
    var shown = Array.prototype.filter.call(root.querySelectorAll("fieldset[data-question-id]"), visible);
    return shown.length === 1 ? shown[0] : null;
  }

  /* A button of the quiz showing its own check or next step (综合练习's 核对本题 / 下一题). */
  function stepButton(root) {
    var bars = root.querySelectorAll(".qz__actions:not([data-qz-actions]) button");
    return Array.prototype.filter.call(bars, visible)[0] || null;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    var root = target.closest && target.closest("[data-quiz-id][data-qz-ready]");
    if (!root) return;
    var fieldset = questionFor(target, root);
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var typing = target.type === "text";
    if (key === "Enter") {
      if (/^(BUTTON|A|SUMMARY)$/.test(target.tagName)) return; // they act on Enter already
      var step = stepButton(root);
      if (step) {
        event.preventDefault();
        step.click();
        return;
      }
      if (!fieldset) return;
      var all = Array.prototype.filter.call(root.querySelectorAll("fieldset[data-question-id]"), visible);
      var next = all[all.indexOf(fieldset) + 1];
      event.preventDefault();
      var group = root.querySelector("[data-qz-group-next]"); // 分组作答 (qz-groups.js)
      if (next) next.querySelector("input").focus();
      else if (visible(group)) group.click();
      else root.querySelector("[data-qz-submit]").click();
      return;
    }
    if (typing || !fieldset || !Object.prototype.hasOwnProperty.call(KEYS, key)) return;
    var inputs = fieldset.querySelectorAll(".qz-option__input");
    var input = inputs[KEYS[key]];
    if (!input || input.disabled) return;
    event.preventDefault();
    input.click(); // as a member's click: a radio is chosen, a checkbox toggled
    input.focus();
  }

  qz.keys = { TEXT: TEXT };

  qz.onPage(function () {
    document.addEventListener("qz:quiz-ready", hint);
    document.addEventListener("keydown", onKey);
    return function () {
      document.removeEventListener("qz:quiz-ready", hint);
      document.removeEventListener("keydown", onKey);
    };
  });
})();
