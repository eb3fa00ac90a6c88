/*
 * qz-quiz.js: turns the quiz HTML rendered by macros/ into a self-test.
 *
 * The HTML works as a paper without this script (answers in <details>).
 * This script hides the answers until 提交答案, checks with qz.check,
 * saves with qz.storage and restores the last submission on return.
 * It finds everything through data-* hooks and starts from Material's
 * document$ so it runs again after each instant-navigation page load.
 */
(function () {
  "use strict";

  var qz = window.qz;

  var TEXT = qz.text("quiz");

  var ICON = { right: "✓", wrong: "✗", unanswered: "○" };
  var LETTERS = "ABCDEFGH";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* Deterministic shuffle (mulberry32 seeded by a string): the order stays the
     same for one attempt, so a restored submission looks as it was answered. */
  function seeded(text) {
    var seed = 2166136261;
    for (var i = 0; i < text.length; i++) {
      seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
    }
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function Question(fieldset, bank) {
    this.el = fieldset;
    this.bank = bank;
    this.id = fieldset.getAttribute("data-question-id");
    this.type = fieldset.getAttribute("data-question-type");
    this.hash = fieldset.getAttribute("data-question-hash");
    this.answer = JSON.parse(fieldset.getAttribute("data-answer"));
    if (this.type === "fill") qz.check.prepare(this.answer, fieldset.getAttribute("data-qz-fill"));
    this.inputs = all(fieldset, "input");
    this.feedback = null; // made on the first check (feedbackBox): a long page carries none
    this.details = fieldset.querySelector("[data-qz-answer]");
  }

  /* The line that says right or wrong, before the answer: made when first needed. */
  Question.prototype.feedbackBox = function () {
    if (!this.feedback) {
      this.feedback = document.createElement("div");
      this.feedback.className = "qz-question__feedback";
      this.feedback.setAttribute("data-qz-feedback", "");
      this.el.insertBefore(this.feedback, this.details);
    }
    return this.feedback;
  };

  Question.prototype.shuffle = function (random) {
    var list = this.el.querySelector(".qz-question__options");
    if (!list || this.type === "judge") return;
    var labels = all(list, "label");
    for (var i = labels.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = labels[i];
      labels[i] = labels[j];
      labels[j] = swap;
    }
    var shown = {};
    labels.forEach(function (label, index) {
      list.appendChild(label);
      var letter = label.querySelector("[data-qz-letter]");
      shown[letter.getAttribute("data-qz-letter")] = LETTERS[index];
      letter.textContent = LETTERS[index];
    });
    all(this.el, "[data-qz-key]").forEach(function (key) {
      key.textContent = shown[key.getAttribute("data-qz-key")];
    });
    this.shown = shown;
  };

  /* Grade the current response: the record storage keeps and views report on. */
  Question.prototype.grade = function () {
    var response = this.response();
    return { id: this.id, bank: this.bank, hash: this.hash, type: this.type, response: response,
             correct: qz.check.isCorrect(this.type, this.answer, response) };
  };

  Question.prototype.number = function (n) {
    this.el.querySelector(".qz-question__number").textContent = qz.format(TEXT.number, { n: n });
  };

  Question.prototype.letter = function (key) {
    return this.shown ? this.shown[key] : key;
  };

  Question.prototype.response = function () {
    var inputs = this.inputs;
    if (this.type === "fill") {
      return inputs.map(function (input) {
        return input.value;
      });
    }
    var chosen = inputs.filter(function (input) {
      return input.checked;
    }).map(function (input) {
      return input.value;
    });
    return this.type === "multiple" ? chosen : chosen[0] || null;
  };

  Question.prototype.fill = function (response) {
    this.inputs.forEach(function (input, index) {
      if (input.type === "text") input.value = response[index] || "";
      else if (Array.isArray(response)) input.checked = response.indexOf(input.value) !== -1;
      else input.checked = input.value === response;
    });
  };

  Question.prototype.describe = function (response) {
    var self = this;
    if (this.type === "judge") return { "true": TEXT.judgeTrue, "false": TEXT.judgeFalse }[response];
    if (this.type === "fill") return response.join("；");
    var keys = Array.isArray(response) ? response : [response];
    return keys.map(function (key) {
      return self.letter(key);
    }).sort().join("、");
  };

  Question.prototype.show = function (response, correct) {
    var answered = qz.check.isAnswered(this.type, response);
    var state = correct ? "right" : answered ? "wrong" : "unanswered";
    this.el.classList.remove("qz-question--right", "qz-question--wrong", "qz-question--unanswered");
    this.el.classList.add("qz-question--" + state);
    this.feedbackBox().textContent = "";
    var icon = document.createElement("span");
    icon.className = "qz-question__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = ICON[state];
    var label = document.createElement("strong");
    label.textContent = TEXT[state];
    this.feedback.appendChild(icon);
    this.feedback.appendChild(label);
    if (state === "wrong") {
      this.feedback.appendChild(
        document.createTextNode("。" + TEXT.yourAnswer + this.describe(response))
      );
    }
    this.feedback.hidden = false;
    var expected = this.type === "single" ? [this.answer] : this.answer;
    this.inputs.forEach(function (input) {
      input.disabled = true;
      var option = input.closest(".qz-option");
      if (!option || input.type === "text") return;
      var isKey = this.type === "judge"
        ? input.value === String(this.answer)
        : expected.indexOf(input.value) !== -1;
      option.classList.toggle("qz-option--key", isKey);
      option.classList.toggle("qz-option--missed", input.checked && !isKey);
    }, this);
    this.details.hidden = false;
    this.details.open = true;
    // Hook for per-question tools (qz-marks.js): this question has just been checked.
    this.el.dispatchEvent(new CustomEvent("qz:shown", { bubbles: true,
      detail: { question: this, correct: correct } }));
  };

  Question.prototype.clear = function () {
    this.el.classList.remove("qz-question--right", "qz-question--wrong", "qz-question--unanswered");
    if (this.feedback) {
      this.feedback.hidden = true;
      this.feedback.textContent = "";
    }
    this.details.open = false;
    this.details.hidden = true;
    this.inputs.forEach(function (input) {
      input.disabled = false;
      input.checked = false;
      if (input.type === "text") input.value = "";
      var option = input.closest(".qz-option");
      if (option) option.classList.remove("qz-option--key", "qz-option--missed");
    });
  };

  /* A set of questions with 提交答案 and 重新作答. A page quiz keeps its last submission
     (keep) and its draft (answers given, not yet submitted); study views pass their own bank
     for each question, keep neither and may pass confirmSubmit: a function returning a
     promise of true to go on (e.g. 交卷 with questions unanswered asks first). */
  function Quiz(root, options) {
    this.root = root;
    this.id = root.getAttribute("data-quiz-id");
    this.keep = !options;
    this.onGraded = options && options.onGraded;
    this.confirmSubmit = options && options.confirmSubmit;
    this.keeper = null;
    var bank = this.id;
    this.questions = all(root, "[data-question-id]").map(function (el) {
      return new Question(el, el.getAttribute("data-question-bank") || bank);
    });
    this.result = root.querySelector("[data-qz-result]");
    this.note = root.querySelector("[data-qz-storage-note]");
    this.submitButton = root.querySelector("[data-qz-submit]");
  }

  Quiz.prototype.start = function () {
    var self = this;
    this.root.setAttribute("data-qz-ready", "");
    this.root.classList.add("qz--ready");
    var noscript = this.root.querySelector("[data-qz-noscript]");
    if (noscript) noscript.hidden = true; // study views build quizzes only when scripts run
    this.root.querySelector("[data-qz-actions]").hidden = false;
    this.submitButton.addEventListener("click", function () {
      if (!self.confirmSubmit) return self.submit();
      self.confirmSubmit().then(function (yes) {
        if (yes && self.root.isConnected) self.submit();
      });
    });
    this.root.addEventListener("click", followSource);
    this.root.querySelector("[data-qz-reset]").addEventListener("click", function () {
      self.askReset();
    });
    this.arrange(qz.storage.attempt(this.id));
    this.questions.forEach(function (question) {
      question.clear();
    });
    if (this.keep) {
      this.restore();
      this.keeper = qz.drafts.keepQuiz(this); // answers given, not submitted, come back
    }
    this.showStorageNote();
    // Hook for quiz tools (qz-marks.js, qz-groups.js, qz-keys.js): the quiz is wired.
    this.root.dispatchEvent(new CustomEvent("qz:quiz-ready", { bubbles: true,
      detail: { quiz: this } }));
  };

  /* How many questions hold an answer that has not been submitted. */
  Quiz.prototype.unsubmitted = function () {
    if (this.submitButton.disabled) return 0;
    return this.questions.filter(function (question) {
      return !question.inputs[0].disabled &&
        qz.check.isAnswered(question.type, question.response());
    }).length;
  };

  /* 重新作答 asks first (in the page: WeChat blocks confirm()) when it would clear answers
     the member gave but has not submitted. */
  Quiz.prototype.askReset = function () {
    var self = this;
    var given = this.unsubmitted();
    if (!given || !qz.dialog) return this.reset();
    qz.dialog.confirm({ message: qz.format(TEXT.resetAsk, { count: given }), ok: TEXT.resetOk,
                        cancel: TEXT.resetCancel }).then(function (yes) {
      if (yes && self.root.isConnected) self.reset();
    });
  };

  Quiz.prototype.arrange = function (attempt) {
    if (!this.root.hasAttribute("data-quiz-shuffle")) return;
    this.questions.forEach(function (question) {
      question.shuffle(seeded(question.id + ":" + attempt));
    }, this);
  };

  Quiz.prototype.showStorageNote = function () {
    var problem = qz.storage.problem();
    this.note.hidden = !problem;
    this.note.textContent = problem;
  };

  Quiz.prototype.announce = function (score, detail) {
    this.result.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = score;
    this.result.appendChild(strong);
    this.result.appendChild(document.createTextNode(detail));
  };

  Quiz.prototype.restore = function () {
    var right = 0;
    var restored = 0;
    this.questions.forEach(function (question) {
      var record = qz.storage.answer(question.id, question.hash);
      if (!record) return;
      restored += 1;
      var correct = qz.check.isCorrect(question.type, question.answer, record.response);
      if (correct) right += 1;
      question.fill(record.response);
      question.show(record.response, correct);
    });
    if (restored) {
      this.announce(qz.format(TEXT.score, { right: right, total: this.questions.length }),
                  "。" + qz.format(TEXT.restored, { reset: TEXT.reset }));
    }
    // Questions edited since (or new) are still open to answer; otherwise wait for 重新作答.
    this.submitButton.disabled = restored === this.questions.length;
  };

  Quiz.prototype.submit = function () {
    if (!this.root.isConnected) return; // a quiz the member has left never saves
    if (this.submitButton.disabled) return; // a double click submits once
    this.submitButton.disabled = true;
    var right = 0;
    var unanswered = 0;
    var results = this.questions.map(function (question) {
      var result = question.grade();
      if (result.correct) right += 1;
      if (!qz.check.isAnswered(result.type, result.response)) unanswered += 1;
      question.show(result.response, result.correct);
      return result;
    });
    qz.storage.record(results, this.keep);
    if (this.keeper) this.keeper.drop();
    this.showStorageNote();
    this.announce(
      qz.format(TEXT.score, { right: right, total: this.questions.length }),
      (unanswered ? qz.format(TEXT.scoreUnanswered, { count: unanswered }) : "。") + TEXT.afterSubmit
    );
    this.result.focus();
    if (this.onGraded) this.onGraded(results); // after, so a view may move the focus on
  };

  Quiz.prototype.reset = function () {
    if (this.keeper) this.keeper.drop();
    if (this.keep) {
      qz.storage.forgetAnswers(this.questions.map(function (question) {
        return question.id;
      }));
    }
    this.arrange(qz.storage.nextAttempt(this.id));
    this.questions.forEach(function (question) {
      question.clear();
    });
    this.showStorageNote();
    this.submitButton.disabled = false;
    this.result.textContent = TEXT.cleared;
    var first = this.root.querySelector("input");
    if (first) first.focus();
  };

  /* 回到原文 on the same page: scroll to the section and move the focus there ourselves.
     Left to instant navigation, the page sometimes stayed where it was. */
  function followSource(event) {
    var link = event.target.closest("a[data-qz-source]");
    if (!link || link.pathname !== location.pathname || !link.hash) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation(); // instant navigation would otherwise re-render the page
    history.pushState(null, "", link.hash);
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  /* Where to 继续学习: the last knowledge page with a quiz the member opened. */
  function rememberVisit() {
    var path = location.href.replace(qz.root(), "").replace(/#.*$/, "");
    var title = document.querySelector("article h1");
    if (title) qz.storage.saveVisit(path, title.textContent.replace(/¶$/, "").trim());
  }

  function start() {
    var quizzes = all(document, "[data-quiz-id]:not([data-qz-ready])").map(function (root) {
      var quiz = new Quiz(root);
      quiz.start();
      return quiz;
    });
    if (quizzes.length) rememberVisit();
    // Time to interactive, read by tests/bench: every question on the page is wired.
    if (quizzes.length && window.performance && performance.mark) performance.mark("qz:ready");
    return function () {
      quizzes.forEach(function (quiz) {
        if (quiz.keeper) quiz.keeper.stop(); // saves a pending draft, then stops listening
      });
    };
  }

  qz.Quiz = Quiz;
  qz.Question = Question;

  qz.onPage(start);
})();
