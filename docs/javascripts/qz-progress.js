/*
 * qz-progress.js: 学习进度: the overall total, per-topic mastery bars (each topic links to
 * its self-test), a 30-day activity strip with a text alternative, how often 有把握
 * answers were wrong (qz-marks.js counts them), the checklist and 继续学习.
 *
 * The rows, lines and strip come with the page (macros/templates/study.html), each with
 * room for its widest figures: this script only fills them in and then shows them, so
 * nothing on the page moves (no layout shift).
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var DAYS = 30;
  var TEXT = qz.text("progress");

  function topics(view, index, stats) {
    var book = {};
    qz.storage.reviews(false).forEach(function (entry) {
      book[entry.id] = true;
    });
    var all = { seen: 0, mastered: 0, count: 0 };
    index.banks.forEach(function (bank) {
      var seen = 0;
      var mastered = 0;
      var answered = 0;
      var right = 0;
      Object.keys(stats).forEach(function (id) {
        var item = stats[id];
        if (item.bank !== bank.id) return;
        seen += 1;
        answered += item.seen;
        right += item.right;
        if (item.last && !book[id]) mastered += 1;
      });
      seen = Math.min(seen, bank.count);
      mastered = Math.min(mastered, bank.count);
      all.seen += seen;
      all.mastered += mastered;
      all.count += bank.count;
      // A page cached from an earlier build may lack a newer bank's row: its figures still count.
      var row = view.querySelector('[data-qz-topic="' + bank.id + '"]');
      if (!row) return;
      var accuracy = answered ? Math.round((right / answered) * 100) + "%" : TEXT.noAccuracy;
      row.querySelector("progress").value = mastered;
      row.querySelector("[data-qz-figures]").textContent =
        qz.format(TEXT.topic, { seen: seen, total: bank.count, mastered: mastered,
                                accuracy: accuracy });
    });
    view.querySelector("[data-qz-total]").textContent =
      qz.format(TEXT.total, { seen: all.seen, total: all.count, mastered: all.mastered });
  }

  /* The last 30 days as bars (height: that day's count against the busiest day), and the
     same figures as text: a sentence for everyone, each day's count for screen readers. */
  function activity(view) {
    var days = qz.storage.days();
    var list = [];
    for (var back = DAYS - 1; back >= 0; back--) {
      var date = qz.today(-back);
      list.push({ date: date, n: days[date] || 0 });
    }
    var most = Math.max.apply(null, list.map(function (d) {
      return d.n;
    })) || 1;
    var strip = view.querySelector("[data-qz-strip]"); // its height is fixed (quiz.css)
    var said = [];
    function day(d) {
      return qz.format(TEXT.day, { month: Number(d.date.slice(5, 7)), day: Number(d.date.slice(8)),
                                   count: d.n });
    }
    list.forEach(function (d) {
      var bar = v.el("span", { "class": "qz-days__bar" + (d.n ? "" : " qz-days__bar--none"),
                               "data-qz-day": d.date, title: day(d) });
      bar.style.height = Math.max(4, Math.round((d.n / most) * 100)) + "%";
      strip.appendChild(bar);
      if (d.n) said.push(day(d));
    });
    strip.setAttribute("aria-label", qz.format(TEXT.daysLabel, {
      count: DAYS, days: said.join(TEXT.dayJoin) || TEXT.noDays,
    }));
    var total = list.reduce(function (sum, d) {
      return sum + d.n;
    }, 0);
    view.querySelector("[data-qz-days-summary]").textContent =
      qz.format(TEXT.days, { count: DAYS, total: total, active: said.length });
  }

  function confidence(view, stats) {
    var sure = 0;
    var wrong = 0;
    Object.keys(stats).forEach(function (id) {
      sure += stats[id].sure || 0;
      wrong += stats[id].sureWrong || 0;
    });
    view.querySelector("[data-qz-sure-share]").textContent = sure
      ? qz.format(TEXT.sure, { sure: sure, wrong: wrong, percent: Math.round((wrong / sure) * 100) })
      : TEXT.noSure;
  }

  function progress(view, index) {
    var stats = qz.storage.stats();
    topics(view, index, stats);
    activity(view);
    confidence(view, stats);
    var done = index.checklist.filter(function (key) {
      return qz.storage.isChecked(key);
    }).length;
    view.querySelector("[data-qz-checklist]").textContent =
      qz.format(TEXT.checklist, { done: done, total: index.checklist.length });
    var visit = qz.storage.visit();
    var resume = view.querySelector("[data-qz-resume]");
    // Checked again where it becomes a link: only a page of this site, never "javascript:".
    var path = visit ? qz.storage.sitePath(visit.url) : "";
    var href = path ? qz.data.url(path) : "";
    if (href && href.indexOf(qz.root()) === 0) {
      resume.textContent = TEXT.continueAt;
      resume.appendChild(v.el("a", { href: href }, visit.title));
    } else {
      resume.textContent = TEXT.continueAt + TEXT.noVisit;
    }
    Array.prototype.forEach.call(view.querySelectorAll("[data-qz-fills]"), function (part) {
      part.hidden = false;
    });
  }

  v.define("progress", progress);
})();
