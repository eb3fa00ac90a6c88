/*
 * qz-daily.js: 每日一题, the same question for everyone on the same date, with a link to
 * share it. The shared link (the 自测中心 page with ?qid=<question id>#daily) opens that one
 * question on its own, with its own 核对. The id in the address is hostile input: it must
 * look like an id and be listed in the question index, or the member is told so and gets
 * today's question instead.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views; // qz-views.js: shared helpers and the view start-up
  var VIEWS = qz.text("views"); // 题目没能载入 and the like, shared by the views
  var ID = /^[A-Za-z0-9_-]{1,64}$/;
  var TEXT = qz.text("daily");
  var PRACTICE = qz.text("practice"); // 核对本题, the button of 综合练习

  /* The same question for everyone on the same date: a hash of the date picks it. */
  function dailyPick(date, total) {
    var hash = 2166136261;
    for (var i = 0; i < date.length; i++) hash = Math.imul(hash ^ date.charCodeAt(i), 16777619);
    return (hash >>> 0) % total;
  }

  /* The question id asked for in the address (?qid=…: Material takes ?q= for its search),
     or null; whatever it holds reaches the member only through textContent, cut short. */
  function asked() {
    var match = /[?&]qid=([^&#]*)/.exec(location.search);
    if (!match) return null;
    var id;
    try {
      id = decodeURIComponent(match[1].replace(/\+/g, " "));
    } catch (error) {
      id = match[1];
    }
    return id.slice(0, 64);
  }

  function today(index) {
    var pick = dailyPick(qz.today(), index.banks.reduce(function (sum, bank) {
      return sum + bank.count;
    }, 0));
    for (var i = 0; i < index.banks.length; i++) {
      if (pick < index.banks[i].count) return { bank: index.banks[i].id, n: pick };
      pick -= index.banks[i].count;
    }
    return null;
  }

  /* The share line: the address in a read-only field (long-press selects it where the
     clipboard is not allowed, e.g. WeChat or file://) and 复制链接. */
  function share(root, id) {
    var url = location.href.replace(/[?#].*$/, "") + "?qid=" + encodeURIComponent(id) + "#daily";
    var box = v.el("div", { "class": "qz-daily__share" });
    var label = v.el("label", { "class": "qz-daily__label" }, TEXT.linkLabel);
    var field = v.el("input", { type: "text", readonly: "", value: url, "data-qz-share": "" });
    label.appendChild(field);
    box.appendChild(label);
    var button = v.el("button", { type: "button", "class": "md-button", "data-qz-copy": "" },
                      TEXT.copy);
    var said = v.el("p", { "class": "qz-daily__copied", role: "status", "data-qz-copied": "" });
    function fallback() {
      field.focus();
      field.select();
      said.textContent = TEXT.pressToCopy;
    }
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !window.isSecureContext) return fallback();
      navigator.clipboard.writeText(url).then(function () {
        said.textContent = TEXT.copied;
      }, fallback);
    });
    box.appendChild(button);
    box.appendChild(said);
    root.appendChild(box);
  }

  function daily(view, index) {
    view.querySelector("[data-qz-date]").textContent = qz.today();
    var id = asked();
    var known = id !== null && ID.test(id) && index.ids.indexOf(id) !== -1;
    var intro = view.querySelector("[data-qz-daily-intro]");
    if (id !== null && !known) v.status(view).textContent = qz.format(TEXT.unknown, { id: id });
    var pick = known ? null : today(index);
    if (!known && !pick) return;
    var banks = known ? index.banks.map(function (bank) {
      return bank.id;
    }) : [pick.bank];
    // From the pool (on a big site the catalogue), then only this question is fetched.
    qz.data.pool(banks).then(function (pool) {
      var item = known ? pool.filter(function (candidate) {
        return candidate.data.id === id;
      })[0] : pool[pick.n];
      return qz.data.questions(item ? [item] : []);
    }).then(function (found) {
      if (!view.isConnected) return; // the member has left meanwhile
      var entry = found[0];
      if (!entry) throw new Error("the question is not in the data");
      if (known) {
        intro.textContent = qz.format(TEXT.shared, { id: id });
        var back = v.el("a", { href: location.href.replace(/[?#].*$/, "") + "#daily" }, TEXT.toToday);
        intro.parentNode.insertBefore(v.el("p", {}, ""), intro.nextSibling).appendChild(back);
      }
      var made = v.quiz(view.querySelector("[data-qz-stage]"), "daily", [entry], index);
      made.root.querySelector("[data-qz-reset]").hidden = true;
      made.submitButton.textContent = PRACTICE.check;
      share(made.root, entry.data.id);
    }).then(null, function () {
      v.status(view).textContent = VIEWS.failed;
    });
  }

  v.define("daily", daily);
})();
