/*
 * qz-storage.js: the one owner of what this site keeps in localStorage, and of the rules
 * by which a member's record changes (the 错题本's spaced repetition); qz-records.js
 * (export and import) builds on it.
 *
 * One key, "jgdj:v1", holds a JSON object whose "version" is the schema version (3); its
 * fields are documented, and every entry checked, in qz-record-check.js.
 *
 * Every entry is checked on read and on import, as hostile as a file from anywhere, by
 * qz-record-check.js (loaded just before this file): see there what is refused.
 *
 * The record is parsed and checked once per page view and kept in memory; a write, a save
 * from another tab (the "storage" event) and the next page view make it read afresh.
 *
 * 错题本 rule: a question answered wrong anywhere enters the book, due today. Answered
 * right on a day it is due, it comes back 1 day later, then 3 days after that; right on
 * that third day too, it leaves the book. Answered wrong, it starts again from tomorrow.
 * Questions no longer in the banks leave the book when the question index has loaded
 * (quizdata/index.js lists every live id), so the header's 错题 count is true.
 *
 * Storage that is missing, full, corrupt or written by a newer version never breaks a
 * page: the site keeps working and says that progress is not saved. A corrupt value is
 * copied aside once (only the newest such copy is kept) and a fresh record written in its
 * place; a copy that does not fit is given up rather than block saving.
 */
(function () {
  "use strict";

  var KEY = "jgdj:v1";
  var CORRUPT = KEY + ":corrupt:";
  var VERSION = 3;
  var INTERVALS = [1, 3]; // days until the next review after each right answer
  var MAX_EXAMS = 20;
  var FIELDS = ["answers", "stats", "review", "attempts", "checks", "settings", "drafts", "marks",
                "days"];
  var qz = (window.qz = window.qz || {});
  var TEXT = qz.text("storage"); // why progress is not being saved

  function empty() {
    var data = { version: VERSION, exams: [], visit: null };
    FIELDS.forEach(function (field) {
      data[field] = {};
    });
    return data;
  }

  var check = qz.recordCheck; // qz-record-check.js, loaded just before this file
  var isRecord = check.isRecord;
  var sitePath = check.sitePath;
  var day = qz.today; // from qz-header.js, which every page loads first

  /* Bring any supported version up to the current one and check every entry; null if it
     cannot be read. report, if given, receives the number of entries dropped. */
  function upgrade(data, report) {
    if (!isRecord(data) || typeof data.version !== "number" || data.version < 1) return null;
    if (data.version > VERSION) return null;
    FIELDS.forEach(function (field) {
      if (!isRecord(data[field])) data[field] = {};
    });
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
    }
    data.version = VERSION;
    var skipped = check.clean(data, Date.now(), INTERVALS.length);
    prune(data);
    if (report) report.skipped = skipped;
    return data;
  }

  /* Question ids still in the banks, once quizdata/index.js has loaded; until then nothing
     is pruned. */
  var live = null;
  function prune(data) {
    if (!live) return 0;
    var gone = Object.keys(data.review).filter(function (id) {
      return !live[id];
    });
    gone.forEach(function (id) {
      delete data.review[id];
    });
    return gone.length;
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

  /* Copies of corrupt records set aside, oldest first. */
  function corruptCopies() {
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(CORRUPT) === 0) keys.push(key);
    }
    return keys.sort(function (a, b) {
      return Number(a.slice(CORRUPT.length)) - Number(b.slice(CORRUPT.length));
    });
  }

  /* Keep only the newest corrupt copy (earlier pages kept one per page load and filled the
     quota); with replacing, none: the newest copy is about to be written. */
  function dropCopies(replacing) {
    var keys = corruptCopies();
    if (!replacing) keys.pop();
    keys.forEach(function (key) {
      store.removeItem(key);
    });
  }

  /* Set a corrupt value aside once, then put a fresh record in its place. */
  function setAside(raw) {
    var fresh = empty();
    try {
      dropCopies(true);
      store.setItem(CORRUPT + Date.now(), raw);
    } catch (error) {
      // No room for the copy: saving the member's progress from now on matters more.
    }
    try {
      store.setItem(KEY, JSON.stringify(fresh));
    } catch (error) {
      status = "unavailable";
    }
    return fresh;
  }

  /* Memory copy: the page keeps working on it when storage cannot be written. */
  var memory = empty();
  var cache = null; // the parsed, checked record of this page view

  function read() {
    if (!store || status !== "ok") return memory;
    if (cache) return cache;
    var raw;
    try {
      raw = store.getItem(KEY);
    } catch (error) {
      status = "unavailable";
      return memory;
    }
    if (raw === null) return (cache = empty());
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
    var stored = isRecord(data) ? data.version : 0;
    data = upgrade(data);
    if (!data) return (cache = setAside(raw));
    cache = data;
    // An older version is saved upgraded at once, so that qz-header.js, which only reads,
    // sees the 错题本 that version 1 answers became.
    if (stored < VERSION) write(data);
    return data;
  }

  function write(data) {
    memory = data;
    prune(data);
    if (!store || status !== "ok") return false;
    try {
      store.setItem(KEY, JSON.stringify(data));
      cache = data;
      document.dispatchEvent(new CustomEvent("qz:changed")); // e.g. the 错题 count in the header
      return true;
    } catch (error) {
      status = "unavailable";
      cache = null;
      return false;
    }
  }

  /* Every change starts from the latest record: another tab's save clears the cache. */
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

  if (store) {
    try {
      dropCopies(false);
    } catch (error) {
      // a browser that lists keys but cannot remove them: nothing to free
    }
  }
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) cache = null; // another tab saved
  });
  read();
  if (qz.onPage) {
    // A new page view reads the record afresh, once. The first call is the page view this
    // file was loaded in (it may come at DOMContentLoaded, after the read above): kept.
    var views = 0;
    qz.onPage(function () {
      if (views++) cache = null;
    });
  }

  // The question index lists every live id: 错题本 entries of removed questions go.
  if (qz.data && store) {
    qz.data.index().then(function (index) {
      if (!index || !Array.isArray(index.ids)) return;
      live = {};
      index.ids.forEach(function (id) {
        live[id] = true;
      });
      var data = read();
      if (prune(data) && status === "ok") write(data);
    }, function () {
      // no index (e.g. a test page): nothing is pruned
    });
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
          data.days[day()] = (data.days[day()] || 0) + 1;
        });
      });
    },
    /* Questions answered per day ("YYYY-MM-DD" → n), for the activity strip. */
    days: function () {
      return read().days;
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
        return { id: id, bank: entries[id].bank, step: entries[id].step, due: entries[id].due,
                 at: entries[id].at };
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
      var path = sitePath(url);
      if (!path) return false;
      return update(function (data) {
        data.visit = { url: path, title: String(title).slice(0, 200), at: Date.now() };
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
    /* Drafts: answers given but not yet submitted (qz-drafts.js writes them), by key:
       "quiz:<quiz id>", "practice", "exam", "review". The reader checks a value's shape. */
    draft: function (key) {
      var entry = read().drafts[key];
      return isRecord(entry) && entry.value !== undefined ? entry.value : null;
    },
    saveDraft: function (key, value) {
      return update(function (data) {
        data.drafts[key] = { at: Date.now(), value: value };
      });
    },
    dropDraft: function (key) {
      return !(key in read().drafts) || update(function (data) {
        delete data.drafts[key];
      });
    },
    /* For qz-records.js (export and import) and the tests: the record, a change to it,
       an upgrade (with its check of every entry), the 错题本 rule, the path check. */
    snapshot: read,
    change: update,
    upgrade: upgrade,
    review: review,
    sitePath: sitePath,
    maxExams: MAX_EXAMS,
    /* What to tell the member when progress is not being saved, or "" when it is. */
    problem: function () {
      return TEXT[status] || "";
    },
  };
})();
