/*
 * qz-header.js: the only script every page loads (in <head>, overrides/main.html).
 *
 * - Applies the reader's text size before the page paints, and puts the 字号 button
 *   (标准 → 大 → 特大) and the 错题 link (questions due today) into Material's header.
 * - Loads the rest only where a page needs it (overrides/main.html decides, in
 *   <meta name="qz:needs">, and links the stylesheets): quiz and study scripts, the
 *   checklist, the paper, once per page view, instant navigation included.
 * It only reads the stored record (qz.storage, loaded on demand, writes it), so pages
 * without a quiz stay light.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var KEY = "jgdj:v1"; // qz-storage.js documents this record
  var SIZES = [
    { id: "standard", name: "标准" },
    { id: "large", name: "大" },
    { id: "x-large", name: "特大" },
  ];
  // The scripts of each need that overrides/main.html lists in <meta name="qz:needs">
  // (it links the stylesheets from the same list), in load order; scripts already loaded
  // are skipped. qz-data.js comes before qz-storage.js: the store prunes the 错题本 by the
  // question index (quizdata/index.js).
  // qz-record-check.js (the check of every stored entry) comes right before qz-storage.js.
  var STORE = ["qz-data.js", "qz-record-check.js", "qz-storage.js"];
  // The quiz's tools (marks, groups, keys) come before qz-quiz.js: they hear its first quiz.
  var QUIZ = STORE.concat(["qz-check.js", "qz-marks.js", "qz-groups.js", "qz-keys.js",
                           "qz-quiz.js"]);
  var VIEW = QUIZ.concat(["qz-views.js"]);
  var NEEDS = {
    quiz: QUIZ,
    checklist: STORE.concat(["qz-checklist.js"]),
    paper: ["qz-paper.js"],
    "view:practice": VIEW.concat(["qz-practice.js"]),
    "view:exam": VIEW.concat(["qz-exam.js"]),
    "view:review": VIEW.concat(["qz-review.js"]),
    "view:progress": VIEW.concat(["qz-progress.js"]),
    "view:daily": VIEW.concat(["qz-daily.js"]),
    "view:records": VIEW.concat(["qz-records.js", "qz-transfer.js"]),
  };
  var requested = {};

  /* Run start on every page view: Material's document$ emits after each instant navigation
     (and replays the current page to late subscribers); without Material, on DOM ready.
     start may return a cleanup function: it runs when the member leaves the page, before
     the next page's starts, so timers and listeners of a view never outlive it. */
  var cleanups = [];
  function leave() {
    var pending = cleanups;
    cleanups = [];
    pending.forEach(function (cleanup) {
      try {
        cleanup();
      } catch (error) {
        window.setTimeout(function () {
          throw error; // reported, but the other cleanups still run
        });
      }
    });
  }
  var subscribed = false;
  qz.onPage = function (start) {
    function run() {
      var cleanup = start();
      if (typeof cleanup === "function") cleanups.push(cleanup);
    }
    if (window.document$ && typeof window.document$.subscribe === "function") {
      if (!subscribed) {
        subscribed = true;
        window.document$.subscribe(leave); // first subscriber: cleans up before new starts
      }
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  };

  /* Local calendar date, YYYY-MM-DD (offset in days): the 错题本 counts the member's days. */
  qz.today = function (offset) {
    var date = new Date(Date.now() + (offset || 0) * 86400000);
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  };

  /* The site root as an absolute URL. Material's config holds it relative to the page
     first loaded and keeps it through instant navigation, so it is resolved once, then. */
  var root = null;
  qz.root = function () {
    if (!root) {
      var config = document.getElementById("__config");
      var base = config ? JSON.parse(config.textContent).base : ".";
      root = new URL(base.replace(/\/?$/, "/"), location.href).href;
    }
    return root;
  };

  function peek() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY));
      return data && typeof data === "object" ? data : {};
    } catch (error) {
      return {};
    }
  }

  /* Load scripts in order (async=false keeps insertion order); resolves when all ran. */
  function load(files) {
    var last = Promise.resolve();
    files.forEach(function (file) {
      if (!requested[file]) {
        requested[file] = new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = qz.root() + "javascripts/" + file;
          script.async = false;
          script.onload = resolve;
          script.onerror = resolve; // the page still reads without it
          document.head.appendChild(script);
        });
      }
      last = requested[file];
    });
    return last;
  }

  /* Material's instant navigation brings the next page's <head> along, this meta included. */
  function loadWhatThePageNeeds() {
    var meta = document.querySelector("meta[name='qz:needs']");
    (meta ? meta.content.split(" ") : []).forEach(function (need) {
      if (Object.prototype.hasOwnProperty.call(NEEDS, need)) load(NEEDS[need]);
    });
  }

  function current() {
    var saved = (peek().settings || {}).textSize;
    for (var i = 0; i < SIZES.length; i++) if (SIZES[i].id === saved) return i;
    return 0;
  }

  function apply(index) {
    document.documentElement.setAttribute("data-qz-text", SIZES[index].id);
  }

  function label(button, index) {
    var next = SIZES[(index + 1) % SIZES.length].name;
    button.setAttribute("aria-label", "字号：" + SIZES[index].name + "。按一下改为" + next);
    button.querySelector(".qz-text-size__name").textContent = SIZES[index].name;
  }

  /* The 错题 link, shown while questions are due; its address comes from the page
     (<meta name="qz:review">), which knows how this build spells page URLs. */
  function badge(header, before) {
    var meta = document.querySelector("meta[name='qz:review']");
    var link = document.createElement("a");
    link.className = "md-header__button qz-due";
    link.href = meta ? meta.content : "#";
    link.innerHTML = '错题<span class="qz-due__count"></span>';
    header.insertBefore(link, before);
    function refresh() {
      var review = peek().review || {};
      var today = qz.today();
      var due = Object.keys(review).filter(function (id) {
        return review[id] && review[id].due <= today;
      }).length;
      link.hidden = !due;
      link.querySelector(".qz-due__count").textContent = due;
      link.setAttribute("aria-label", "错题本：今天有" + due + "题要复习");
    }
    refresh();
    document.addEventListener("qz:changed", refresh);
    window.addEventListener("storage", refresh);
  }

  function mount() {
    qz.root(); // resolve while the address still matches Material's config
    var header = document.querySelector(".md-header__inner");
    if (header && !header.querySelector(".qz-text-size")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-header__button qz-text-size";
      button.innerHTML = '字号<span class="qz-text-size__name"></span>';
      var index = current(); // kept here: the save below lands after storage has loaded
      label(button, index);
      button.addEventListener("click", function () {
        index = (index + 1) % SIZES.length;
        apply(index);
        label(button, index);
        load(["qz-record-check.js", "qz-storage.js"]).then(function () {
          qz.storage.saveSetting("textSize", SIZES[index].id);
        });
      });
      var before = header.querySelector("[data-md-component=palette]") ||
        header.querySelector("label[for=__search]");
      header.insertBefore(button, before);
      badge(header, button);
    }
    qz.onPage(loadWhatThePageNeeds);
  }

  apply(current());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
