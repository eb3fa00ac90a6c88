/*
 * qz-storage.js: the one owner of what this site keeps in localStorage, and of the rules
 * by which a member's record changes (the 错题本's spaced repetition); qz-records.js
 * (export and import) builds on it.
 *
 * One key, "jgdj:v1", holds a JSON object; its "version" is the schema version:
 *   { "version": 2,
 *     "answers":  { "<question id>": { "hash": "<content hash>", "response": <answer>,
 *                                      "correct": true|false, "at": <ms> } },
 *                 the last submitted answer on a page quiz, restored on return; the hash
 *                 of the question's content means an edited question is not restored
 *     "stats":    { "<question id>": { "bank": "<bank id>", "seen": <n>, "right": <n>,
 *                                      "last": true|false, "at": <ms> } },
 *                 every question ever answered anywhere (学习进度)
 *     "review":   { "<question id>": { "bank": "<bank id>", "step": 0|1|2,
 *                                      "due": "YYYY-MM-DD", "at": <ms> } },
 *                 the 错题本 (rule below)
 *     "exams":    [ { "at": <ms>, "score": 0–100, "seconds": <time used>,
 *                     "right": <n>, "total": <n> } ], newest first, at most 20
 *     "attempts": { "<quiz id>": <attempt number, seeds the option shuffle> },
 *     "checks":   { "<checklist item key>": true },
 *     "visit":    { "url": "<path from the site root>", "title": "…", "at": <ms> },
 *     "settings": { "textSize": "standard" | "large" | "x-large" } }
 * Version 1 (no stats, review, exams, visit) is migrated on first read.
 *
 * 错题本 rule: a question answered wrong anywhere enters the book, due today. Answered
 * right on a day it is due, it comes back 1 day later, then 3 days after that; right on
 * that third day too, it leaves the book. Answered wrong, it starts again from tomorrow.
 *
 * Storage that is missing, full, corrupt or written by a newer version never breaks a
 * page: the site keeps working and says that progress is not saved. A corrupt value is
 * copied aside before it is replaced, so nothing is lost.
 */
(function () {
  "use strict";

  var KEY = "jgdj:v1";
  var VERSION = 2;
  var INTERVALS = [1, 3]; // days until the next review after each right answer
  var MAX_EXAMS = 20;
  var FIELDS = ["answers", "stats", "review", "attempts", "checks", "settings"];
  var PROBLEMS = {
    unavailable: "提示：浏览器不允许本页保存数据（例如无痕模式或存储空间已满）。仍可正常使用，但进度不会保存。",
    readonly: "提示：本机的学习记录是由更新版本的网页保存的，本页不会改动它，这次的进度不会保存。请刷新页面后再试。",
  };
  var qz = (window.qz = window.qz || {});

  function empty() {
    var data = { version: VERSION, exams: [], visit: null };
    FIELDS.forEach(function (field) {
      data[field] = {};
    });
    return data;
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  var day = qz.today; // from qz-header.js, which every page loads first

  /* Bring any supported version up to the current one; null if it cannot be read. */
  function upgrade(data) {
    if (!isRecord(data) || typeof data.version !== "number" || data.version < 1) return null;
    FIELDS.forEach(function (field) {
      if (!isRecord(data[field])) data[field] = {};
    });
    if (!Array.isArray(data.exams)) data.exams = [];
    if (!isRecord(data.visit)) data.visit = null;
    if (data.version === 1) {
      // Version 1 kept only page-quiz answers: they become progress and 错题本 entries.
      Object.keys(data.answers).forEach(function (id) {
        var answer = data.answers[id];
        if (!isRecord(answer)) return;
        var bank = id.replace(/-\d+$/, "");
        data.stats[id] = { bank: bank, seen: 1, right: answer.correct ? 1 : 0,
                           last: !!answer.correct, at: answer.at || 0 };
        if (!answer.correct) data.review[id] = { bank: bank, step: 0, due: day(), at: answer.at || 0 };
      });
      data.version = 2;
    }
    return data;
  }

  /* "ok": reads and writes; "readonly": data from a newer version, kept intact;
     "unavailable": no localStorage (private mode, disabled) or writes fail. */
  var status = "ok";
  var store = null;
  try {
    store = window.localStorage;
    var probe = KEY + ":probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
  } catch (error) {
    store = null;
    status = "unavailable";
  }

  /* Memory copy: the page keeps working on it when storage cannot be written. */
  var memory = empty();

  function read() {
    if (!store) return memory;
    var raw;
    try {
      raw = store.getItem(KEY);
    } catch (error) {
      status = "unavailable";
      return memory;
    }
    if (raw === null) return empty();
    var data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      data = null;
    }
    if (isRecord(data) && typeof data.version === "number" && data.version > VERSION) {
      status = "readonly";
      return memory;
    }
    data = upgrade(data);
    if (!data) {
      // Corrupt or foreign: keep a copy aside, then start afresh.
      try {
        store.setItem(KEY + ":corrupt:" + Date.now(), raw);
      } catch (error) {
        status = "unavailable";
        return memory;
      }
      return empty();
    }
    return data;
  }

  function write(data) {
    memory = data;
    if (!store || status !== "ok") return false;
    try {
      store.setItem(KEY, JSON.stringify(data));
      document.dispatchEvent(new CustomEvent("qz:changed")); // e.g. the 错题 count in the header
      return true;
    } catch (error) {
      status = "unavailable";
      return false;
    }
  }

  /* Every change re-reads storage first, so another open tab's saves are kept. */
  function update(change) {
    var data = read();
    change(data);
    return write(data);
  }

  /* The 错题本 rule (see the top of this file), for one answer given today. */
  function review(data, result, now) {
    var entry = data.review[result.id];
    if (!result.correct) {
      data.review[result.id] = { bank: result.bank, step: 0, due: entry ? day(1) : day(), at: now };
    } else if (entry && entry.due <= day()) {
      if (entry.step >= INTERVALS.length) delete data.review[result.id];
      else data.review[result.id] = { bank: entry.bank, step: entry.step + 1,
                                      due: day(INTERVALS[entry.step]), at: now };
    }
  }

  // A record of an older version is saved upgraded at once, so that qz-header.js, which
  // only reads, sees the 错题本 that version 1 answers became.
  var before = null;
  try {
    before = store && JSON.parse(store.getItem(KEY));
  } catch (error) {
    before = null; // corrupt: read() below sets it aside
  }
  memory = read();
  if (isRecord(before) && typeof before.version === "number" && before.version < VERSION) {
    write(memory);
  }

  qz.storage = {
    version: VERSION,
    status: function () {
      return status;
    },
    /* The saved page-quiz answer for a question, or null when none or the question changed. */
    answer: function (questionId, hash) {
      var record = read().answers[questionId];
      return isRecord(record) && record.hash === hash ? record : null;
    },
    /* Record graded answers: progress and 错题本 always; the answers themselves only for a
       page quiz (keep: true), whose last submission comes back on return. */
    record: function (results, keep) {
      var now = Date.now();
      return update(function (data) {
        results.forEach(function (result) {
          if (keep) {
            data.answers[result.id] = { hash: result.hash, response: result.response,
                                        correct: result.correct, at: now };
          }
          if (!qz.check.isAnswered(result.type, result.response)) return;
          var stats = data.stats[result.id] || { bank: result.bank, seen: 0, right: 0 };
          data.stats[result.id] = { bank: result.bank, seen: stats.seen + 1,
                                    right: stats.right + (result.correct ? 1 : 0),
                                    last: result.correct, at: now };
          review(data, result, now);
        });
      });
    },
    forgetAnswers: function (questionIds) {
      return update(function (data) {
        questionIds.forEach(function (id) {
          delete data.answers[id];
        });
      });
    },
    forgetReviews: function (questionIds) {
      return update(function (data) {
        questionIds.forEach(function (id) {
          delete data.review[id];
        });
      });
    },
    stats: function () {
      return read().stats;
    },
    /* 错题本 entries; with due, only those due today or earlier. */
    reviews: function (due) {
      var entries = read().review;
      var today = day();
      return Object.keys(entries).filter(function (id) {
        return !due || entries[id].due <= today;
      }).map(function (id) {
        return { id: id, bank: entries[id].bank, step: entries[id].step, due: entries[id].due };
      });
    },
    exams: function () {
      return read().exams;
    },
    saveExam: function (exam) {
      return update(function (data) {
        data.exams.unshift(exam);
        data.exams = data.exams.slice(0, MAX_EXAMS);
      });
    },
    attempt: function (quizId) {
      var value = read().attempts[quizId];
      return typeof value === "number" ? value : 0;
    },
    nextAttempt: function (quizId) {
      var next = qz.storage.attempt(quizId) + 1;
      update(function (data) {
        data.attempts[quizId] = next;
      });
      return next;
    },
    isChecked: function (itemKey) {
      return read().checks[itemKey] === true;
    },
    saveCheck: function (itemKey, checked) {
      return update(function (data) {
        if (checked) data.checks[itemKey] = true;
        else delete data.checks[itemKey];
      });
    },
    visit: function () {
      return read().visit;
    },
    saveVisit: function (url, title) {
      return update(function (data) {
        data.visit = { url: url, title: title, at: Date.now() };
      });
    },
    setting: function (name) {
      return read().settings[name];
    },
    saveSetting: function (name, value) {
      return update(function (data) {
        data.settings[name] = value;
      });
    },
    /* ---- Drafts: answers given but not yet submitted (qz-drafts.js writes them) ----
       record.drafts = { "<key>": { "at": <ms>, "value": <JSON> } }; keys: "quiz:<quiz id>",
       "practice", "exam". The reader validates a value's shape: it is whatever was stored. */
    draft: function (key) {
      var drafts = read().drafts;
      var entry = isRecord(drafts) ? drafts[key] : null;
      return isRecord(entry) && entry.value !== undefined ? entry.value : null;
    },
    saveDraft: function (key, value) {
      return update(function (data) {
        if (!isRecord(data.drafts)) data.drafts = {};
        data.drafts[key] = { at: Date.now(), value: value };
      });
    },
    dropDraft: function (key) {
      var drafts = read().drafts;
      if (!isRecord(drafts) || !(key in drafts)) return true; // nothing to write
      return update(function (data) {
        if (isRecord(data.drafts)) delete data.drafts[key];
      });
    },
    /* ---- end of drafts ---- */
    /* For qz-records.js (export and import): the record, a change to it, an upgrade. */
    snapshot: read,
    change: update,
    upgrade: upgrade,
    /* What to tell the member when progress is not being saved, or "" when it is. */
    problem: function () {
      return PROBLEMS[status] || "";
    },
  };
})();
