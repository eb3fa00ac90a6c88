/*
 * qz-data.js: question data for the study views (自测中心), loaded on demand.
 *
 * macros/ writes one file per bank, quizdata/<bank>.js, calling qz.data.receive(...), and
 * quizdata/index.js listing the banks. They are scripts rather than JSON because fetch()
 * fails when the offline package is opened from disk; a <script src> works there and under
 * the site's Content-Security-Policy alike.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var banks = {};
  var waiting = {};

  var root = qz.root; // from qz-header.js

  function load(name) {
    if (banks[name]) return Promise.resolve(banks[name]);
    if (!waiting[name]) {
      waiting[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root() + "quizdata/" + name + ".js";
        script.onload = function () {
          if (banks[name]) resolve(banks[name]);
          else reject(new Error("no data in " + script.src));
        };
        script.onerror = function () {
          delete waiting[name];
          reject(new Error("cannot load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return waiting[name];
  }

  qz.data = {
    /* Called by the data files themselves. */
    receive: function (name, data) {
      banks[name] = data;
    },
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
})();
