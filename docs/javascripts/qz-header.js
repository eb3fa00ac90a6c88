/*
 * qz-header.js: the only script every page loads (in <head>, overrides/main.html).
 *
 * - Applies the reader's text size before the page paints, and puts the 字号 button
 *   (标准 → 大 → 特大) and the 错题 link (questions due today) into Material's header.
 * - Loads the rest only where a page needs it: the page lists its own scripts (overrides/
 *   main.html decides, in <meta name="qz:needs">, and links the stylesheets); after an
 *   instant navigation this file loads what the next page needs, from the same table.
 * It only reads the stored record (qz.storage, loaded on demand, writes it), so pages
 * without a quiz stay light.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});

  /* The interface words of one section of macros/ui_text.zh.yml: the build puts the sections
     a script reads (each named once, written out) in front of that script. */
  qz.text = function (section) {
    return (qz.TEXT && qz.TEXT[section]) || {};
  };
  /* Fill a text's {placeholders}: qz.format(TEXT.dueLabel, { count: 3 }). */
  qz.format = function (text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  };

  var TEXT = qz.text("header");
  var KEY = "jgdj:v1"; // qz-storage.js documents this record
  var SIZES = [
    { id: "standard", name: TEXT.sizeStandard },
    { id: "large", name: TEXT.sizeLarge },
    { id: "x-large", name: TEXT.sizeExtraLarge },
  ];
  // The scripts of each need (<meta name="qz:needs">), in load order: the build writes the
  // table (macros/page_scripts.py) in front of this file; the page itself lists its own.
  var NEEDS = qz.NEEDS || {};
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
      // Run while the page still parses: Material's document$ comes with its bundle at the
      // end of the body; ask again then, so start runs on every page view.
      document.addEventListener("DOMContentLoaded", function () {
        qz.onPage(start);
      });
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

  /* WeChat's built-in browser: no download, no print, no file picker; the one test for it. */
  qz.isWeChat = function () {
    return /MicroMessenger/i.test(navigator.userAgent);
  };

  /* The site root as an absolute URL. This script is javascripts/qz-header.js under the
     root, so its own address tells the root while the page is still parsing (Material's
     config, which also holds it, comes at the end of the body). */
  var here = document.currentScript && document.currentScript.src;
  var root = here ? here.replace(/javascripts\/qz-header\.js(?:[?#].*)?$/, "") : null;
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
          script.setAttribute("fetchpriority", "low"); // the page's own text and Material come first
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
  /* The scripts of this page's needs (<meta name="qz:needs">), in load order, once each. */
  function scriptsNeeded() {
    var meta = document.querySelector("meta[name='qz:needs']");
    var files = [];
    (meta ? meta.content.split(" ") : []).forEach(function (need) {
      if (!Object.prototype.hasOwnProperty.call(NEEDS, need)) return;
      NEEDS[need].forEach(function (file) {
        if (files.indexOf(file) === -1) files.push(file);
      });
    });
    return files;
  }

  function loadWhatThePageNeeds() {
    load(scriptsNeeded());
  }

  /* The scripts the page itself lists (<script defer> in its <head>, before this one): they
     run before DOMContentLoaded, so they are not asked for again. */
  function listedByThePage() {
    Array.prototype.forEach.call(document.querySelectorAll("script[defer][src]"), function (tag) {
      var file = tag.src.split("/").pop();
      if (tag.src === qz.root() + "javascripts/" + file && !requested[file]) {
        requested[file] = new Promise(function (resolve) {
          tag.addEventListener("load", resolve);
          tag.addEventListener("error", resolve);
        });
      }
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
    button.setAttribute("aria-label", qz.format(TEXT.textSizeLabel, { size: SIZES[index].name,
                                                                     next: next }));
    button.querySelector(".qz-text-size__name").textContent = SIZES[index].name;
  }

  /* The 错题 link, shown while questions are due; its address comes from the page
     (<meta name="qz:review">), which knows how this build spells page URLs. */
  function badge(header, before) {
    var meta = document.querySelector("meta[name='qz:review']");
    var link = document.createElement("a");
    link.className = "md-header__button qz-due";
    link.href = meta ? meta.content : "#";
    // At 大 and 特大 on a phone the word gives way to an icon (theme.css): the header must fit.
    link.innerHTML = '<svg class="qz-due__icon" viewBox="0 0 24 24" aria-hidden="true" ' +
      'focusable="false"><path fill-rule="evenodd" d="M6 2h12a2 2 0 0 1 2 2v16a2 2 0 0 1-2 ' +
      '2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm5 4v8h2V6zm0 10v2h2v-2z"/></svg>' +
      '<span class="qz-due__label"></span><span class="qz-due__count"></span>';
    link.querySelector(".qz-due__label").textContent = TEXT.due;
    header.insertBefore(link, before);
    function refresh() {
      var review = peek().review || {};
      var today = qz.today();
      var due = Object.keys(review).filter(function (id) {
        return review[id] && review[id].due <= today;
      }).length;
      link.hidden = !due;
      link.querySelector(".qz-due__count").textContent = due;
      link.setAttribute("aria-label", qz.format(TEXT.dueLabel, { count: due }));
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
      button.innerHTML = '<span class="qz-text-size__label"></span>' +
        '<span class="qz-text-size__name"></span>';
      button.querySelector(".qz-text-size__label").textContent = TEXT.textSize;
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
  listedByThePage();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
