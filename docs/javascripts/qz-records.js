/*
 * qz-records.js: 导出/导入学习记录. Export writes the whole record to a file; import merges
 * a file into this browser's record. Loaded only on the records page; the record itself,
 * and the check of every entry, belong to qz-storage.js.
 *
 * qz.records.importText(text) returns "" when everything in the file was merged, or else a
 * message for the member: either why the file was refused (then nothing changed; such
 * messages end with TEXT.refused, 本机记录没有改动) or, after a merge, exactly what was left out (entries
 * that could not be read, exams beyond the history's limit). qz.records.lastImport holds
 * the details of the last call: { merged: true|false, skipped: <n>, droppedExams: <n> }.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var APP = "jiguan-dangjian";
  var MAX_BYTES = 5 * 1024 * 1024; // an exported record is far smaller; more is not ours
  var TEXT = qz.text("records");

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function newer(a, b) {
    if (!isRecord(a)) return b;
    if (!isRecord(b)) return a;
    return (b.at || 0) > (a.at || 0) ? b : a;
  }

  /* Keep the newer of each answer, 错题本 entry, draft and 收藏/斩题 mark, the larger counts
     (把握程度 and each day's activity too), every tick, and every exam of this device; the
     file's exams fill what room the history has left.
     Both sides have been checked by qz.storage.upgrade. Importing the same file twice
     changes nothing. Returns how many of the file's exams did not fit. */
  function merge(ours, theirs, max) {
    ["answers", "review", "drafts", "marks"].forEach(function (field) {
      Object.keys(theirs[field]).forEach(function (id) {
        ours[field][id] = newer(ours[field][id], theirs[field][id]);
      });
    });
    Object.keys(theirs.stats).forEach(function (id) {
      var a = ours.stats[id];
      var b = theirs.stats[id];
      var latest = newer(a, b);
      var stat = { bank: latest.bank, seen: Math.max(a ? a.seen : 0, b.seen),
                   right: Math.max(a ? a.right : 0, b.right), last: latest.last, at: latest.at };
      var sure = Math.max(a && a.sure || 0, b.sure || 0);
      if (sure) {
        stat.sure = sure;
        stat.sureWrong = Math.max(a && a.sureWrong || 0, b.sureWrong || 0);
      }
      ours.stats[id] = stat;
    });
    Object.keys(theirs.days).forEach(function (date) {
      ours.days[date] = Math.max(ours.days[date] || 0, theirs.days[date]);
    });
    var seen = {};
    ours.exams.forEach(function (exam) {
      seen[exam.at + ":" + exam.score] = true;
    });
    var added = theirs.exams.filter(function (exam) {
      var key = exam.at + ":" + exam.score;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    }).sort(function (a, b) {
      return b.at - a.at;
    });
    var room = Math.max(0, max - ours.exams.length);
    ours.exams = ours.exams.concat(added.slice(0, room)).sort(function (a, b) {
      return b.at - a.at;
    });
    Object.keys(theirs.attempts).forEach(function (id) {
      ours.attempts[id] = Math.max(ours.attempts[id] || 0, theirs.attempts[id]);
    });
    Object.keys(theirs.checks).forEach(function (id) {
      ours.checks[id] = true;
    });
    ours.visit = newer(ours.visit, theirs.visit);
    return Math.max(0, added.length - room);
  }

  function refuse(reason) {
    return reason + TEXT.refused;
  }

  qz.records = {
    TEXT: TEXT,
    maxBytes: MAX_BYTES,
    merge: merge,
    lastImport: null,
    /* The whole record as a file's content. */
    exportText: function () {
      return JSON.stringify({ app: APP, exported: new Date().toISOString(),
                              data: qz.storage.snapshot() }, null, 1);
    },
    /* Merge an exported file's text; see the top of this file for what it returns. */
    importText: function (text) {
      qz.records.lastImport = { merged: false, skipped: 0, droppedExams: 0 };
      if (typeof text !== "string" || text.length > MAX_BYTES) return refuse(TEXT.tooLarge);
      var file;
      try {
        file = JSON.parse(text);
      } catch (error) {
        return refuse(TEXT.unreadable);
      }
      if (!isRecord(file) || file.app !== APP || !isRecord(file.data)) return refuse(TEXT.foreign);
      var theirs = file.data;
      if (typeof theirs.version === "number" && theirs.version > qz.storage.version) {
        return refuse(TEXT.newer);
      }
      var report = {};
      theirs = qz.storage.upgrade(theirs, report);
      if (!theirs) return refuse(TEXT.corrupt);
      if (qz.storage.problem()) return qz.storage.problem();
      var dropped = 0;
      var saved = qz.storage.change(function (ours) {
        dropped = merge(ours, theirs, qz.storage.maxExams);
      });
      if (!saved) return qz.storage.problem();
      qz.records.lastImport = { merged: true, skipped: report.skipped, droppedExams: dropped };
      var lost = [];
      if (report.skipped) lost.push(qz.format(TEXT.skipped, { count: report.skipped }));
      if (dropped) {
        lost.push(qz.format(TEXT.droppedExams, { count: dropped, max: qz.storage.maxExams }));
      }
      return lost.length ? qz.format(TEXT.partly, { lost: lost.join(TEXT.partlyJoin) }) : "";
    },
  };
})();
