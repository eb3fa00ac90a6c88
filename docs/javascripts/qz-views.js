/*
 * qz-views.js: what the 自测中心 views share. Each view is a <section data-qz-view="…">
 * rendered by the study_view macro and brought to life by its own file (qz-practice.js,
 * qz-exam.js, qz-review.js, qz-progress.js, qz-daily.js, qz-transfer.js), loaded by
 * qz-header.js only where the page holds that view. Questions come from qz.data (files
 * written at build time, rendered by the same template as page quizzes) and are checked
 * and shown by qz.Quiz / qz.Question from qz-quiz.js.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var TYPES = qz.text("types");
  var TEXT = qz.text("views");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var shuffled = qz.data.shuffled; // qz-data.js, loaded before the views

  /* Every question of the given banks as {bank, data} entries (qz-data.js). */
  var entries = qz.data.entries;

  /* A quiz section holding the given entries, wired by qz.Quiz; options.confirmSubmit asks
     before submitting (see qz.Quiz). */
  function quiz(container, id, chosen, index, onGraded, options) {
    var root = el("div", { "class": "qz qz--study", "data-quiz-id": id });
    root.innerHTML = chosen.map(function (entry) {
      return entry.data.html;
    }).join("") + index.actions;
    Array.prototype.forEach.call(root.querySelectorAll("a[data-qz-source]"), function (link) {
      link.href = qz.data.url(link.getAttribute("href")); // data files link from the site root
    });
    container.appendChild(root);
    var made = new qz.Quiz(root, { onGraded: function (results) {
      if (root.isConnected && onGraded) onGraded(results); // never save from a view left behind
    }, confirmSubmit: options && options.confirmSubmit });
    made.questions.forEach(function (question, n) {
      question.number(n + 1);
    });
    made.start();
    return made;
  }

  function status(view) {
    var line = view.querySelector("[data-qz-status]");
    if (!line) {
      line = el("p", { "class": "qz-study__status", role: "status", "data-qz-status": "" });
      view.appendChild(line);
    }
    return line;
  }

  /* Start every not yet started view of this name on the page: show its scripted parts,
     load the question index unless the view needs none, then call show(view, index).
     show may return a function that undoes what it started (timers, listeners on window
     or document); it runs when the member leaves the page (see qz.onPage). */
  function define(name, show, options) {
    var needsIndex = !options || options.index !== false;
    qz.onPage(function () {
      var stops = [];
      var views = document.querySelectorAll("[data-qz-view=" + name + "]:not([data-qz-ready])");
      Array.prototype.forEach.call(views, function (view) {
        view.setAttribute("data-qz-ready", "");
        view.querySelector("[data-qz-noscript]").hidden = true;
        Array.prototype.forEach.call(view.querySelectorAll("[data-qz-needs-script]"), function (part) {
          part.hidden = false;
        });
        function begin(index) {
          var stop = show(view, index);
          if (typeof stop === "function") stops.push(stop);
        }
        if (!needsIndex) {
          begin(null);
          return;
        }
        qz.data.index().then(function (index) {
          if (view.isConnected) begin(index); // the member may have left meanwhile
        }, function () {
          status(view).textContent = TEXT.failed;
        });
      });
      return function () {
        stops.forEach(function (stop) {
          stop();
        });
      };
    });
  }

  qz.views = { TYPES: TYPES, TEXT: TEXT, el: el, shuffled: shuffled, entries: entries, quiz: quiz,
               status: status, define: define };
})();
