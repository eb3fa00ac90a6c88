/*
 * qz-check.js: decides whether a response is right. No DOM, no storage.
 *
 * Responses by question type:
 *   single  "B"             multiple ["A", "C"]
 *   judge   "true"/"false"  fill     ["answer to blank 1", "answer to blank 2"]
 * Answers come from the page (data-answer): single "B", multiple ["A","C"],
 * judge true/false, fill [["accepted", "also accepted"], ...]. A fill question's
 * rules come from its data-qz-fill (macros/render.py): {"after": [text printed
 * right after each blank], "anyOrder": true when the blanks may come in any order};
 * qz.check.prepare() attaches them to the answer list as .after and .anyOrder.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});

  /* Full-width and half-width forms compare equal (NFKC); spaces, quotation marks,
     title marks and brackets of any style do not count, so “三会一课”, 【三会一课】
     and 三会一课 are the same answer. */
  var IGNORED = /[\s"'“”‘’「」『』《》〈〉【】〔〕〖〗()[\]{}]/g;
  // Punctuation a member may type before or after an answer (after NFKC: ，→, ；→; ！→!).
  var EDGES = /^[.,;:!?、。…·~\-—]+|[.,;:!?、。…·~\-—]+$/g;
  // Between listed items, ， , 、 ; / and 和、与、及、以及 all mean the same: one 、.
  var SEPARATORS = /[,;、\/]+|(?!^)(?:以及|和|与|及)(?!$)/g;
  // Where the text printed after a blank stops counting as "the word after it".
  var PAUSE = /[.,;:!?、。…·~\-—]/;

  function tidy(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(IGNORED, "").replace(EDGES, "");
  }

  function normalize(text) {
    return tidy(text).replace(SEPARATORS, "、");
  }

  /* The ways a member's text for one blank may be read: as typed, and without a
     repetition of the character or word printed right after the blank
     (“1939年” where the stem reads ____年, “认真地” for ____地). */
  function readings(text, after) {
    var given = tidy(text);
    var list = [normalize(given)];
    var printed = String(after || "").normalize("NFKC").toLowerCase().replace(IGNORED, "");
    var stop = printed.search(PAUSE);
    if (stop !== -1) printed = printed.slice(0, stop);
    for (var length = printed.length; length > 0; length--) {
      var word = printed.slice(0, length);
      if (given.length > length && given.slice(-length) === word) {
        list.push(normalize(given.slice(0, -length)));
      }
    }
    return list;
  }

  function fits(accepted, given, after) {
    var options = readings(given, after);
    return accepted.some(function (text) {
      return options.indexOf(normalize(text)) !== -1;
    });
  }

  /* Blanks in any order: some one-to-one pairing of blanks to accepted sets. */
  function pairs(answer, given, index, used) {
    if (index === given.length) return true;
    return answer.some(function (accepted, slot) {
      if (used[slot] || !fits(accepted, given[index], answer.after[index])) return false;
      used[slot] = true;
      var found = pairs(answer, given, index + 1, used);
      used[slot] = false;
      return found;
    });
  }

  function isAnswered(type, response) {
    if (type === "multiple") return response.length > 0;
    if (type === "fill") {
      return response.some(function (text) {
        return normalize(text) !== "";
      });
    }
    return response !== null && response !== "";
  }

  function isCorrect(type, answer, response) {
    if (!isAnswered(type, response)) return false;
    if (type === "single") return response === answer;
    if (type === "judge") return response === String(answer);
    if (type === "multiple") {
      var given = response.slice().sort();
      var expected = answer.slice().sort();
      return given.length === expected.length && given.every(function (key, index) {
        return key === expected[index];
      });
    }
    var texts = answer.map(function (accepted, index) {
      return String(response[index] || "");
    });
    if (!answer.after) answer.after = [];
    if (answer.anyOrder) return pairs(answer, texts, 0, []);
    return answer.every(function (accepted, index) {
      return fits(accepted, texts[index], answer.after[index]);
    });
  }

  /* Attach a fill question's rules (the data-qz-fill text) to its answer list; a
     missing or unreadable rule set leaves the plain comparison. */
  function prepare(answer, rules) {
    var read = {};
    try {
      read = JSON.parse(rules || "{}") || {};
    } catch (error) {
      read = {};
    }
    answer.after = Array.isArray(read.after) ? read.after.map(String) : [];
    answer.anyOrder = read.anyOrder === true;
    return answer;
  }

  qz.check = { normalize: normalize, isAnswered: isAnswered, isCorrect: isCorrect,
               prepare: prepare };
})();
