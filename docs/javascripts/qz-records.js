/*
 * qz-records.js: 导出/导入学习记录. Export writes the whole record to a file; import merges
 * a file into this browser's record without losing anything from either side. Loaded only
 * on the records page; the record itself belongs to qz-storage.js.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var APP = "jiguan-dangjian";
  var MAX_EXAMS = 20;
  var REFUSED = "本机记录没有改动。";

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function newer(a, b) {
    if (!isRecord(a)) return b;
    if (!isRecord(b)) return a;
    return (b.at || 0) > (a.at || 0) ? b : a;
  }

  /* Keep the newer of each answer and 错题本 entry, the larger counts, every exam once,
     every tick; importing the same file twice changes nothing. */
  function merge(ours, theirs) {
    ["answers", "review"].forEach(function (field) {
      Object.keys(theirs[field]).forEach(function (id) {
        ours[field][id] = newer(ours[field][id], theirs[field][id]);
      });
    });
    Object.keys(theirs.stats).forEach(function (id) {
      var a = ours.stats[id];
      var b = theirs.stats[id];
      if (!isRecord(b)) return;
      var latest = newer(a, b);
      ours.stats[id] = { bank: latest.bank, seen: Math.max(a ? a.seen : 0, b.seen || 0),
                         right: Math.max(a ? a.right : 0, b.right || 0),
                         last: latest.last, at: latest.at };
    });
    var seen = {};
    ours.exams = ours.exams.concat(theirs.exams).filter(function (exam) {
      var key = isRecord(exam) ? exam.at + ":" + exam.score : "";
      if (!key || seen[key]) return false;
      seen[key] = true;
      return true;
    }).sort(function (a, b) {
      return b.at - a.at;
    }).slice(0, MAX_EXAMS);
    Object.keys(theirs.attempts).forEach(function (id) {
      ours.attempts[id] = Math.max(ours.attempts[id] || 0, theirs.attempts[id] || 0);
    });
    Object.keys(theirs.checks).forEach(function (id) {
      if (theirs.checks[id] === true) ours.checks[id] = true;
    });
    ours.visit = newer(ours.visit, theirs.visit);
  }

  qz.records = {
    /* The whole record as a file's content. */
    exportText: function () {
      return JSON.stringify({ app: APP, exported: new Date().toISOString(),
                              data: qz.storage.snapshot() }, null, 1);
    },
    /* Merge an exported file's text; returns "" or a message saying why it was refused. */
    importText: function (text) {
      var file;
      try {
        file = JSON.parse(text);
      } catch (error) {
        return "文件已损坏或不是学习记录（无法读取）。" + REFUSED;
      }
      if (!isRecord(file) || file.app !== APP || !isRecord(file.data)) {
        return "这不是本站导出的学习记录文件。" + REFUSED;
      }
      var theirs = file.data;
      if (typeof theirs.version === "number" && theirs.version > qz.storage.version) {
        return "这份记录来自更新版本的网页，请先刷新页面再导入。" + REFUSED;
      }
      theirs = qz.storage.upgrade(theirs);
      if (!theirs) return "文件已损坏，无法读取其中的学习记录。" + REFUSED;
      if (qz.storage.problem()) return qz.storage.problem();
      return qz.storage.change(function (ours) {
        merge(ours, theirs);
      }) ? "" : qz.storage.problem();
    },
  };
})();
