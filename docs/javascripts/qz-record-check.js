/*
 * qz-record-check.js: the check of every entry of a member's record, stored or imported.
 * qz-storage.js runs it on read and on import;
 * loaded right before qz-storage.js wherever that is (qz-header.js's needs).
 *
 * Every entry is as hostile as a file from anywhere: what is not an object is dropped,
 * counts become whole numbers, an "at" in the future is refused (it would win every merge
 * for ever), and the 继续学习 address must be a relative path inside the site (a
 * "javascript:" or off-site address would run or phish where no Content-Security-Policy
 * is sent: file://, a plain server). Fields this check does not know are left alone.
 *
 * The record (one localStorage key, "jgdj:v1", owned by qz-storage.js), version 3:
 *   { "version": 3,
 *     "answers":  { "<question id>": { "hash": "<content hash>", "response": <answer>,
 *                                      "correct": true|false, "at": <ms> } },
 *                 the last submitted answer on a page quiz, restored on return; the hash
 *                 of the question's content means an edited question is not restored
 *     "stats":    { "<question id>": { "bank": "<bank id>", "seen": <n>, "right": <n>,
 *                                      "last": true|false, "at": <ms>,
 *                                      "sure": <n>, "sureWrong": <n> } },
 *                 every question ever answered anywhere (学习进度); sure: answers marked
 *                 有把握 (把握程度), sureWrong: of those, the wrong ones (both optional)
 *     "review":   { "<question id>": { "bank": "<bank id>", "step": 0|1|2,
 *                                      "due": "YYYY-MM-DD", "at": <ms> } },
 *                 the 错题本 (rule: qz-storage.js); times wrong come from stats (seen − right)
 *     "exams":    [ { "at": <ms>, "score": 0–full (tenths), "full": <满分>, "seconds": <time used>,
 *                     "right": <n>, "total": <n>, "items": [ { "b": <bank>, "id": <question>,
 *                     "r": <response> } ] } ], newest first, at most 20
 *     "attempts": { "<quiz id>": <attempt number, seeds the option shuffle> },
 *     "checks":   { "<checklist item key>": true },
 *     "visit":    { "url": "<relative path inside the site>", "title": "…", "at": <ms> },
 *     "settings": { "textSize": "standard" | "large" | "x-large" },
 *     "marks":    { "<question id>": { "star": true|false, "mastered": true|false, "at": <ms> } },
 *                 收藏 (star) and 斩题 (mastered: left out of practice)
 *     "days":     { "YYYY-MM-DD": <questions answered that day> }, the 30-day activity strip
 *     "drafts":   { "<key>": { "at": <ms>, "value": <JSON> } } (answers not yet submitted) }
 * Fields this page does not know are kept as they are: a newer page's data survives.
 * Version 1 (no stats, review, exams, visit) and 2 (entries not yet checked) are migrated
 * on first read (qz-storage.js). Version 3 is the first whose every entry has been checked.
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

  var MAX_ITEMS = 500; // questions kept per exam for 查看: far above any configured paper

  /* A stored answer: null, a choice or "true"/"false", or a list of choices or blanks. */
  function isResponse(value) {
    if (value === null || typeof value === "string") return true;
    return Array.isArray(value) && value.length <= 50 && value.every(function (part) {
      return typeof part === "string" && part.length <= 500;
    });
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
        // 满分 follows the configured points (100 before it could be set); partial credit
        // gives tenths. The questions and answers (items) let 查看 reopen the exam.
        var full = Number(e.full) > 0 && isFinite(Number(e.full)) ? Number(e.full) : 100;
        var score = Math.round(Math.min(Math.max(Number(e.score) || 0, 0), full) * 10) / 10;
        var exam = { at: at, score: score, full: full, seconds: count(e.seconds),
                     right: Math.min(count(e.right), total), total: total };
        if (Array.isArray(e.items)) {
          exam.items = e.items.slice(0, MAX_ITEMS).filter(function (item) {
            return isRecord(item) && typeof item.b === "string" && typeof item.id === "string" &&
              isResponse(item.r);
          }).map(function (item) {
            return { b: item.b, id: item.id, r: item.r };
          });
        }
        return exam;
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
