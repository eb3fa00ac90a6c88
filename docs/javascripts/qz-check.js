/*
 * qz-check.js: decides whether a response is right. No DOM, no storage.
 *
 * Responses by question type:
 *   single  "B"             multiple ["A", "C"]
 *   judge   "true"/"false"  fill     ["answer to blank 1", "answer to blank 2"]
 * Answers come from the page (data-answer): single "B", multiple ["A","C"],
 * judge true/false, fill [["accepted", "also accepted"], ...].
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});

  /* Full-width and half-width forms compare equal (NFKC); spaces and quotation
     marks do not count, so “三会一课” and 三会一课 are the same answer. */
  var IGNORED = /[\s"'“”‘’「」『』《》〈〉]/g;

  function normalize(text) {
    return String(text).normalize("NFKC").replace(IGNORED, "").toLowerCase();
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
    return answer.every(function (accepted, index) {
      var given = normalize(response[index] || "");
      return accepted.some(function (text) {
        return normalize(text) === given;
      });
    });
  }

  qz.check = { normalize: normalize, isAnswered: isAnswered, isCorrect: isCorrect };
})();
