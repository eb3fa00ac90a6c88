/*
 * qz-storage.js: the one owner of what this site keeps in localStorage.
 *
 * Schema (key "jgdj:v1", a JSON object):
 *   { "version": 1,
 *     "answers":  { "<question id>": { "hash": "<content hash>", "response": <answer>,
 *                                      "correct": true|false, "at": <ms since epoch> } },
 *     "attempts": { "<quiz id>": <attempt number, seeds the option shuffle> },
 *     "checks":   { "<checklist item key>": true },
 *     "settings": { "textSize": "standard" | "large" | "x-large" } }
 *
 * Answers are keyed by question id and stored with the question's content
 * hash, so an edited question is not shown as already answered.
 * Storage that is missing, full, corrupt or written by a newer version never
 * breaks a page: the site keeps working and says that progress is not saved.
 * A corrupt value is copied aside before it is replaced, so nothing is lost.
 */
(function () {
  "use strict";

  var KEY = "jgdj:v1";
  var PROBLEMS = {
    unavailable: "提示：浏览器不允许本页保存数据（例如无痕模式或存储空间已满）。仍可正常使用，但进度不会保存。",
    readonly: "提示：本机的学习记录是由更新版本的网页保存的，本页不会改动它，这次的进度不会保存。请刷新页面后再试。",
  };
  var VERSION = 1;
  var qz = (window.qz = window.qz || {});

  function empty() {
    return { version: VERSION, answers: {}, attempts: {}, checks: {}, settings: {} };
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
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
    if (!isRecord(data) || data.version !== VERSION) {
      // Corrupt or foreign: keep a copy aside, then start afresh.
      try {
        store.setItem(KEY + ":corrupt:" + Date.now(), raw);
      } catch (error) {
        status = "unavailable";
        return memory;
      }
      return empty();
    }
    ["answers", "attempts", "checks", "settings"].forEach(function (field) {
      if (!isRecord(data[field])) data[field] = {};
    });
    return data;
  }

  function write(data) {
    memory = data;
    if (!store || status !== "ok") return false;
    try {
      store.setItem(KEY, JSON.stringify(data));
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

  memory = read();

  qz.storage = {
    status: function () {
      return status;
    },
    /* The saved record for a question, or null when none or the question changed. */
    answer: function (questionId, hash) {
      var record = read().answers[questionId];
      return isRecord(record) && record.hash === hash ? record : null;
    },
    saveAnswers: function (records) {
      return update(function (data) {
        Object.keys(records).forEach(function (id) {
          data.answers[id] = records[id];
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
    setting: function (name) {
      return read().settings[name];
    },
    saveSetting: function (name, value) {
      return update(function (data) {
        data.settings[name] = value;
      });
    },
    /* What to tell the member when progress is not being saved, or "" when it is. */
    problem: function () {
      return PROBLEMS[status] || "";
    },
  };
})();
