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
 * as this file runs on a study page (qz-header.js preloads it from <head>): the data
 * arrives while the member reads the instructions, and a tap on 开始考试 only draws. Whatever
 * start.js did not bring (or all of it, if it failed) loads file by file, as before. Past the
 * size start.js carries, draw() picks questions from the index's counts first and then loads
 * only the parts (one bank's questions of one type) that hold them.
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

  /* A 自测中心 page (overrides/main.html lists its view in <meta name="qz:needs">, which is
     there from <head> on and comes along with instant navigation). */
  function studyPage() {
    return !!document.querySelector("meta[name='qz:needs'][content*='view:']");
  }

  /* On a study page everything waits for start.js, which brings most of it; elsewhere only
     the index is wanted (to prune the 错题本), so it comes alone, without every bank. */
  function load(name) {
    if (banks[name]) return Promise.resolve(banks[name]);
    return (started || (studyPage() ? prefetch() : Promise.resolve())).then(function () {
      return banks[name] || inject(name).then(function () {
        if (banks[name]) return banks[name];
        throw new Error("no data in quizdata/" + name + ".js");
      });
    });
  }

  /* A fair shuffle (Fisher–Yates) of a copy. */
  function shuffled(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor((random || Math.random)() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  /* One bank's questions of one type, in bank order: from the bank if it is here (or the
     site has no parts), else from its part file. */
  function part(bank, type, parts) {
    if (banks[bank] || !parts) {
      return load(bank).then(function (data) {
        return data.questions.filter(function (question) {
          return question.type === type;
        });
      });
    }
    return load(bank + "." + type).then(function (data) {
      return data.questions;
    });
  }

  /* Draw questions at random from the given banks: for each group {types: [...], count: n},
     n questions of those types, every question of the pool equally likely. Resolves to
     [{bank, data}], group by group, in random order within a group. Only the parts holding
     a drawn question are loaded. */
  function draw(ids, groups, random) {
    return load("index").then(function (index) {
      var known = {};
      index.banks.forEach(function (bank) {
        known[bank.id] = bank;
      });
      var drawn = groups.map(function (group) {
        var slots = [];
        ids.forEach(function (id) {
          var counts = (known[id] && known[id].types) || {};
          group.types.forEach(function (type) {
            for (var i = 0; i < (counts[type] || 0); i++) slots.push([id, type, i]);
          });
        });
        return shuffled(slots, random).slice(0, Math.max(0, group.count || 0));
      });
      var names = [];
      drawn.forEach(function (slots) {
        slots.forEach(function (slot) {
          var name = slot[0] + "." + slot[1];
          if (names.indexOf(name) === -1) names.push(name);
        });
      });
      return Promise.all(names.map(function (name) {
        var dot = name.lastIndexOf(".");
        return part(name.slice(0, dot), name.slice(dot + 1), index.parts);
      })).then(function (lists) {
        var chosen = [];
        drawn.forEach(function (slots) {
          slots.forEach(function (slot) {
            var question = lists[names.indexOf(slot[0] + "." + slot[1])][slot[2]];
            if (question) chosen.push({ bank: slot[0], data: question });
          });
        });
        return chosen;
      });
    });
  }

  qz.data = {
    shuffled: shuffled,
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
    draw: draw,
    /* A path from the site root (e.g. "role/#q-role-01") as a URL usable from this page. */
    url: function (path) {
      return new URL(path, root()).href;
    },
  };

  if (studyPage()) prefetch(); // may run while the page still parses (qz-header.js)
  qz.onPage(function () {
    if (studyPage()) prefetch(); // a study page reached by instant navigation
  });
})();
