/*
 * qz-review.js: 错题本: the questions due for spaced review today, and the whole book at
 * any time (topic, next review date, times wrong), with 全部重练 to practise every entry.
 * An entry answered wrong STUBBORN times or more is a 顽固错题: its source passage (from
 * the question's data, written by macros/sections.py) is shown inline.
 *
 * The run in progress (today's due questions or 全部重练) is kept as a draft by
 * qz-review-run.js: after a reload, a chat switch in WeChat or 回到原文 and back, the same
 * run comes back with the answers given but not yet submitted.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var VIEWS = qz.text("views"); // 题目没能载入 and the like, shared by the views
  var STUBBORN = 4; // times wrong that make a 顽固错题
  var TEXT = qz.text("review");

  /* What the list shows of a question: its stem and source link, read from its fieldset's
     HTML (the build's own data; parsed into an inert template, never into the page). */
  function parts(entry) {
    var template = document.createElement("template");
    template.innerHTML = entry.data.html;
    var stem = template.content.querySelector(".qz-question__text");
    var source = template.content.querySelector("a[data-qz-source]");
    var href = source ? source.getAttribute("href") : "";
    return { stem: stem ? stem.textContent : entry.data.id, href: href,
             anchor: href.split("#")[1] || "" };
  }

  function book(view, index, entries, start) {
    var stats = qz.storage.stats();
    var titles = {};
    index.banks.forEach(function (bank) {
      titles[bank.id] = bank.title;
    });
    var title = qz.format(TEXT.bookTitle, { count: entries.length });
    var box = v.el("section", { "class": "qz-book", "data-qz-book": "", "aria-label": title });
    box.appendChild(v.el("h2", {}, title)); // the page has only its h1
    var again = v.el("button", { type: "button", "class": "md-button", "data-qz-practise-all": "" },
                     TEXT.practiseAll);
    again.addEventListener("click", start);
    box.appendChild(again);
    var list = v.el("ul", { "class": "qz-book__list" });
    entries.forEach(function (entry) {
      var stat = stats[entry.data.id] || { seen: 0, right: 0 };
      var wrong = Math.max(0, stat.seen - stat.right);
      var part = parts(entry);
      var item = v.el("li", { "class": "qz-book__entry", "data-qz-entry": entry.data.id });
      if (wrong >= STUBBORN) {
        item.classList.add("qz-book__entry--stubborn");
        item.appendChild(v.el("strong", { "class": "qz-book__badge", "data-qz-stubborn": "" },
                              TEXT.stubborn));
      }
      item.appendChild(v.el("span", { "class": "qz-book__stem" }, part.stem));
      item.appendChild(v.el("span", { "class": "qz-book__meta" },
        qz.format(TEXT.entry, { topic: titles[entry.bank] || entry.bank, date: entry.review.due,
                                wrong: wrong })));
      item.appendChild(v.el("a", { href: qz.data.url(entry.data.link) }, TEXT.toQuestion));
      var sections = entry.sections || {};
      if (wrong >= STUBBORN && typeof sections[part.anchor] === "string") {
        var quote = v.el("blockquote", { "class": "qz-book__passage", "data-qz-passage": "" });
        quote.appendChild(v.el("p", {}, TEXT.passage + sections[part.anchor]));
        quote.appendChild(v.el("a", { href: qz.data.url(part.href) }, TEXT.toSource));
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    view.appendChild(box);
  }

  function review(view, index) {
    var all = qz.storage.reviews(false);
    var due = all.filter(function (entry) {
      return entry.due <= qz.today();
    });
    var stage = view.querySelector("[data-qz-stage]");
    var made = null;
    var keeper = null;
    if (!all.length) {
      v.status(view).textContent = TEXT.noReview;
      return;
    }
    var later = all.map(function (entry) {
      return entry.due;
    }).sort()[0];
    v.status(view).textContent = due.length
      ? qz.format(TEXT.reviewCount, { due: due.length, total: all.length })
      : TEXT.noReview + qz.format(TEXT.nextReview, { date: later });
    var known = {};
    index.banks.forEach(function (bank) {
      known[bank.id] = true;
    });
    var banks = all.map(function (entry) {
      return entry.bank;
    }).filter(function (bank, i, list) {
      return list.indexOf(bank) === i && known[bank];
    });
    var byId = {};
    all.forEach(function (entry) {
      byId[entry.id] = entry;
    });
    // The book's questions in bank order (qz.data.pool), then fetched: on a big site only
    // they, each with its passage, not their whole banks.
    qz.data.pool(banks).then(function (pool) {
      return qz.data.questions(pool.filter(function (entry) {
        return !!byId[entry.data.id];
      }));
    }).then(function (found) {
      if (!view.isConnected) return; // the member has left meanwhile
      // Questions removed from the banks have already left the book: qz-storage.js prunes
      // it by the question index that started this view.
      var entries = found.filter(function (entry) {
        if (entry) entry.review = byId[entry.data.id];
        return !!entry;
      });
      var chosen = entries.filter(function (entry) {
        return entry.review.due <= qz.today();
      });
      var done = { due: TEXT.reviewDone, all: TEXT.practiseAllDone };
      /* Show a run; answers given in the run it replaces, not yet submitted, carry over
         (全部重练 holds every question of today's review). Returns how many came back. */
      function practise(list, run, answers) {
        var given = made && !made.submitButton.disabled ? qz.drafts.responses(made.questions) : {};
        if (keeper) keeper.stop();
        stage.textContent = "";
        made = v.quiz(stage, "review", list, index, function () {
          keeper.drop();
          keeper.stop(); // submitted: checked into the record once, nothing left to resume
          v.status(view).textContent = done[run];
        });
        made.root.querySelector("[data-qz-reset]").hidden = true;
        var back = qz.drafts.refill(made.questions, answers || given);
        keeper = qz.reviewRun.keep(made, run);
        keeper.save();
        return back;
      }
      var saved = qz.reviewRun.restore(entries, chosen);
      if (saved) {
        var back = practise(saved.list, saved.run, saved.answers);
        v.status(view).textContent += qz.format(TEXT.resumed, {
          run: saved.run === "all" ? TEXT.practiseAll : TEXT.runDue, total: saved.list.length,
        }) + (back ? qz.format(TEXT.refilled, { count: back }) : "");
      } else if (chosen.length) {
        practise(chosen, "due", null);
      }
      book(view, index, entries, function () {
        practise(entries, "all", null);
        var first = made.root.querySelector("input");
        if (first) first.focus();
      });
    }, function () {
      v.status(view).textContent = VIEWS.failed;
    });
    return function () {
      if (keeper) keeper.stop(); // the member leaves: what was pending is saved
    };
  }

  v.define("review", review);
})();
