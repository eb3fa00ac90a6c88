/*
 * qz-data.js: question data for the study views (自测中心).
 *
 * macros/data.py writes one file per bank, quizdata/<bank>.js, calling qz.data.receive(...),
 * quizdata/index.js listing the banks, and quizdata/start.js: the index plus, while the banks
 * are small, every bank, in one file. They are scripts rather than JSON because fetch() fails
 * when the offline package is opened from disk; a <script src> works there and under the
 * site's Content-Security-Policy alike.
 *
 * On a phone each request is a round trip over mobile data, so start.js is requested as soon
 * as this file runs on a study page (the page preloads it, overrides/main.html): the data
 * arrives while the member reads the instructions, and a tap on 开始考试 only draws. Whatever
 * start.js did not bring (or all of it, if it failed) loads file by file, as before.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var banks = {};
  var waiting = {};
  var started = null;

  var root = qz.root; // from qz-header.js

  /* Run quizdata/<name>.js once; resolves when it has run, rejects if it cannot load. */
  function inject(name) {
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root() + "quizdata/" + name + ".js";
        script.onload = resolve;
        script.onerror = function () {
          delete waiting[name];
          reject(new Error("cannot load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return waiting[name];
  }

  /* Request start.js once; resolves either way (a failure leaves the files to load one by one). */
  function prefetch() {
    if (!started) {
      started = inject("start").then(null, function () {
        return null;
      });
    }
    return started;
  }

  function load(name) {
    if (banks[name]) return Promise.resolve(banks[name]);
    return prefetch().then(function () {
      return banks[name] || inject(name).then(function () {
        if (banks[name]) return banks[name];
        throw new Error("no data in quizdata/" + name + ".js");
      });
    });
  }

  qz.data = {
    /* Called by the data files themselves. */
    receive: function (name, data) {
      banks[name] = data;
    },
    /* Start loading the study data now (done by itself on a study page); resolves when
       start.js has run or failed. */
    prefetch: prefetch,
    index: function () {
      return load("index");
    },
    /* Resolves to {bank id: bank data} for the given bank ids. */
    banks: function (ids) {
      return Promise.all(ids.map(load)).then(function (loaded) {
        var byId = {};
        loaded.forEach(function (bank, index) {
          byId[ids[index]] = bank;
        });
        return byId;
      });
    },
    /* A path from the site root (e.g. "role/#q-role-01") as a URL usable from this page. */
    url: function (path) {
      return new URL(path, root()).href;
    },
  };

  if (document.querySelector("[data-qz-view]")) prefetch();
})();
