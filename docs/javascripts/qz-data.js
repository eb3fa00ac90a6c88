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
 * size start.js carries, it brings a catalogue instead (id, type, point of every question):
 * a view draws from it (pool) and then loads only the questions drawn, each from a file of
 * its own (questions).
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

  /* The questions of the given banks to draw from, as entries {bank, data}. When start.js
     brought every bank, they are the questions themselves. On a site too big for that,
     they are stand-ins from start.js's catalogue, data {id, type, point} and light: true:
     enough for every rule a draw follows (type, one question per point, 斩题, 收藏, 错题本,
     没做过), so only the questions drawn are fetched (qz.data.questions). */
  function pool(ids) {
    return load("index").then(function (index) {
      var catalogue = index.parts && index.catalogue;
      return catalogue ? listed(catalogue, ids) : qz.data.banks(ids).then(entries);
    });
  }

  /* The catalogue's stand-ins of the given banks' questions (of every bank without ids). */
  function listed(catalogue, ids) {
    var list = [];
    (ids || Object.keys(catalogue)).forEach(function (bank) {
      var types = catalogue[bank] || {};
      Object.keys(types).forEach(function (type) {
        types[type].forEach(function (item) {
          list.push({ bank: bank, light: true,
                      data: { id: item[0], type: type, point: item[1] || "" } });
        });
      });
    });
    return list;
  }

  /* The file of every live question of a catalogue, by "bank id": the catalogue lists each
     bank's questions type by type, and every size of them in a row share a file. */
  function packs(catalogue, size) {
    var files = {};
    Object.keys(catalogue).forEach(function (bank) {
      Object.keys(catalogue[bank]).forEach(function (type) {
        catalogue[bank][type].forEach(function (item, i) {
          files[bank + " " + item[0]] = "q/" + bank + "." + type + "." + Math.floor(i / size);
        });
      });
    });
    return files;
  }

  /* Every id of a catalogue (start.js leaves the index's list of live ids out then). */
  function catalogued(catalogue) {
    return listed(catalogue).map(function (entry) {
      return entry.data.id;
    });
  }

  function entries(loaded) {
    var list = [];
    Object.keys(loaded).forEach(function (id) {
      loaded[id].questions.forEach(function (question) {
        list.push({ bank: id, data: question });
      });
    });
    return list;
  }

  /* The questions themselves for [{bank, id}] (or pool entries), in the same order, as
     entries {bank, data, sections}; null where a question is no longer there. With a
     catalogue each comes from a small file of index.pack questions, named by its place in
     the catalogue (quizdata/q/<bank>.<type>.<n>.js), else from its bank's file. */
  function questions(items) {
    return load("index").then(function (index) {
      var catalogue = index.parts && index.catalogue;
      var files = catalogue ? packs(catalogue, index.pack || 1) : {};
      var names = [];
      var where = items.map(function (item) {
        var id = item.data ? item.data.id : item.id;
        var name = !catalogue ? item.bank : files[item.bank + " " + id] || null;
        if (name && names.indexOf(name) === -1) names.push(name);
        return { bank: item.bank, id: id, name: name };
      });
      return Promise.all(names.map(function (name) {
        return catalogue ? load(name) : load(name).then(null, function () {
          return { questions: [] }; // a bank that left the site: its questions are gone
        });
      })).then(function (loaded) {
        var byName = {};
        names.forEach(function (name, i) {
          byName[name] = loaded[i];
        });
        return where.map(function (place) {
          var file = byName[place.name] || { questions: [] };
          var found = file.questions.filter(function (question) {
            return question.id === place.id;
          })[0];
          // sections: the passages the file brought, the question's own among them (错题本)
          return found ? { bank: place.bank, data: found, sections: file.sections || {} } : null;
        });
      });
    });
  }

  qz.data = {
    shuffled: shuffled,
    /* Called by the data files themselves. */
    receive: function (name, data) {
      if (name === "index" && !data.ids && data.catalogue) data.ids = catalogued(data.catalogue);
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
    pool: pool,
    questions: questions,
    /* {bank id: bank data} → entries [{bank, data}], bank by bank. */
    entries: entries,
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
