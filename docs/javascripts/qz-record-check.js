/*
 * qz-record-check.js: the check of every entry of a member's record, stored or imported.
 * qz-storage.js (which documents the record's fields) runs it on read and on import;
 * loaded right before qz-storage.js wherever that is (qz-header.js's needs).
 *
 * Every entry is as hostile as a file from anywhere: what is not an object is dropped,
 * counts become whole numbers, an "at" in the future is refused (it would win every merge
 * for ever), and the 继续学习 address must be a relative path inside the site (a
 * "javascript:" or off-site address would run or phish where no Content-Security-Policy
 * is sent: file://, a plain server). Fields this check does not know are left alone.
 */
(function () {
  "use strict";

  var SKEW = 10 * 60000; // two devices' clocks may differ by minutes, not more
  var SIZES = ["standard", "large", "x-large"];
  var MAX_DAYS = 400; // the activity strip shows 30 days; a year and more is history enough
  var qz = (window.qz = window.qz || {});
  var day = qz.today; // from qz-header.js, which every page loads first

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* A whole number ≥ 0 from whatever was stored ("3", 2.7, null → 3, 2, 0). */
  function count(value) {
    var number = Math.floor(Number(value));
    return isFinite(number) && number > 0 ? number : 0;
  }

  /* A time in ms, or -1 when it lies in the future (the entry is then refused). */
  function time(value, now) {
    var number = count(value);
    return number > now + SKEW ? -1 : number;
  }

  function isDate(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }

  /* A relative path inside the site ("role/", "tasks/theory-study.html"), or "": no
     scheme, no leading slash, no "..", nothing but the characters page slugs use. */
  function sitePath(value) {
    if (typeof value !== "string") return "";
    var path = value.replace(/[?#].*$/, ""); // Material's ?h= search highlight, an anchor
    if (path.length > 300 || !/^[A-Za-z0-9_-][A-Za-z0-9._~\/-]*$/.test(path)) return "";
    if (/\/\//.test(path) || /(^|\/)\.\.?(\/|$)/.test(path)) return "";
    return path;
  }

  /* Keep the entries of an id → entry table that check() turns into an entry; the rest
     count as skipped. */
  function table(value, check, skipped) {
    var out = {};
    if (!isRecord(value)) return out;
    Object.keys(value).forEach(function (id) {
      var entry = check(value[id]);
      if (entry === null) skipped.count += 1;
      else out[id] = entry;
    });
    return out;
  }

  /* Check every entry of a record already upgraded to the current shape (steps: how many
     steps the 错题本 rule has); returns how many entries were dropped. */
  function clean(data, now, steps) {
    var skipped = { count: 0 };
    function stamped(entry, build) {
      if (!isRecord(entry)) return null;
      var at = time(entry.at, now);
      return at < 0 ? null : build(entry, at);
    }
    data.answers = table(data.answers, function (entry) {
      return stamped(entry, function (e, at) {
        return { hash: String(e.hash), response: e.response === undefined ? null : e.response,
                 correct: e.correct === true, at: at };
      });
    }, skipped);
    data.stats = table(data.stats, function (entry) {
      return stamped(entry, function (e, at) {
        var seen = count(e.seen);
        var stat = { bank: String(e.bank), seen: seen, right: Math.min(count(e.right), seen),
                     last: e.last === true, at: at };
        // 把握程度: answers marked 有把握 and, of those, how many were wrong.
        var sure = count(e.sure);
        if (sure) {
          stat.sure = Math.min(sure, seen);
          stat.sureWrong = Math.min(count(e.sureWrong), stat.sure);
        }
        return stat;
      });
    }, skipped);
    data.review = table(data.review, function (entry) {
      return stamped(entry, function (e, at) {
        return { bank: String(e.bank), step: Math.min(count(e.step), steps),
                 due: isDate(e.due) ? e.due : day(), at: at };
      });
    }, skipped);
    data.marks = table(data.marks, function (entry) {
      return stamped(entry, function (e, at) {
        return { star: e.star === true, mastered: e.mastered === true, at: at };
      });
    }, skipped);
    var days = table(data.days, function (value) {
      return typeof value === "number" || typeof value === "string" ? count(value) : null;
    }, skipped);
    Object.keys(days).filter(function (key) {
      return !isDate(key);
    }).forEach(function (key) {
      delete days[key];
      skipped.count += 1;
    });
    Object.keys(days).sort().reverse().slice(MAX_DAYS).forEach(function (key) {
      delete days[key]; // the oldest days beyond the limit: not an error, just history
    });
    data.days = days;
    data.drafts = table(data.drafts, function (entry) {
      return stamped(entry, function (e, at) {
        e.at = at;
        return e;
      });
    }, skipped);
    data.attempts = table(data.attempts, function (value) {
      return typeof value === "number" || typeof value === "string" ? count(value) : null;
    }, skipped);
    data.checks = table(data.checks, function (value) {
      return value === true ? true : null;
    }, skipped);
    if (SIZES.indexOf(data.settings.textSize) < 0) delete data.settings.textSize;
    var exams = Array.isArray(data.exams) ? data.exams : [];
    data.exams = exams.map(function (entry) {
      return stamped(entry, function (e, at) {
        var total = count(e.total);
        return { at: at, score: Math.min(count(e.score), 100), seconds: count(e.seconds),
                 right: Math.min(count(e.right), total), total: total };
      });
    }).filter(function (exam) {
      if (!exam) skipped.count += 1;
      return !!exam;
    }).sort(function (a, b) {
      return b.at - a.at;
    });
    var visit = stamped(data.visit, function (e, at) {
      var url = sitePath(e.url);
      return url ? { url: url, title: String(e.title || "").slice(0, 200), at: at } : null;
    });
    if (data.visit !== null && data.visit !== undefined && !visit) skipped.count += 1;
    data.visit = visit;
    return skipped.count;
  }

  qz.recordCheck = { isRecord: isRecord, sitePath: sitePath, clean: clean, maxDays: MAX_DAYS };
})();
