/*
 * qz-contest-screen.js: the 知识竞赛's big screen and the host's buttons.
 *
 * The page (macros/templates/contest.html) holds the drawn questions as a list readable without
 * scripts; here the list hides and one question at a time is copied onto the stage, with the
 * round, its points, a countdown and the 记分板. Every action goes through qz.Contest
 * (qz-contest-state.js), is saved at once, then redrawn. Keys come from qz-contest-keys.js.
 * While the stage shows, <html> carries qz-contest-mode, which hides Material's header and
 * navigation (contest.css). Leaving the page clears the clock's interval, the key and
 * fullscreen listeners, and that class.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var T = qz.text("contest");
  var MODE = "qz-contest-mode";

  /* What the current question is worth: a risk round's stake once chosen, else its points. */
  function points(round, stake) {
    if (round.kind === "risk") return stake ? qz.format(T.pointsRisk, { stake: stake }) : "";
    if (round.kind === "buzz") {
      return qz.format(T.pointsBuzz, { points: round.points, penalty: round.penalty });
    }
    return qz.format(T.points, { points: round.points });
  }

  /* A 加分/减分 announcement: the text already chosen by the sign of delta. */
  function scored(text, name, delta, score) {
    return qz.format(text, { name: name, points: Math.abs(delta), score: score });
  }

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function start() {
    var view = document.querySelector("[data-qz-contest]:not([data-qz-ready])");
    if (!view) return;
    view.setAttribute("data-qz-ready", "");
    var contest = new qz.Contest(JSON.parse(view.getAttribute("data-qz-contest")));
    var items = view.querySelectorAll("[data-qz-contest-item]");
    function part(name) {
      return view.querySelector("[data-qz-contest-" + name + "]");
    }
    function parts(name) {
      return Array.prototype.slice.call(view.querySelectorAll("[data-qz-contest-" + name + "]"));
    }
    var stage = part("stage");
    var setup = part("setup");
    var log = part("log");
    var status = part("status");
    var question = part("question");
    var answer = part("answer");
    var stakes = part("stakes");
    var ranking = part("ranking");
    var timer = part("timer");
    var buttons = {
      reveal: part("reveal"), next: part("next"), undo: part("undo"), clock: part("clock"),
      theme: part("theme"), fullscreen: part("fullscreen"),
    };
    var loaded = contest.load();
    var state = loaded.state;
    var onStage = state.phase !== "setup";
    var shown = null; // what the question area holds now: "index:stake"

    // A page whose list and settings disagree stays the readable list it is without scripts.
    if (items.length !== contest.total) throw new Error(T.countMismatch);
    part("app").hidden = false;
    part("list").hidden = true;
    status.textContent = loaded.problem || (onStage ? T.resumed : "");

    function say(message) {
      log.textContent = message;
    }

    function commit(message) {
      if (!contest.save(state)) message = T.noStorage;
      render();
      if (message) say(message);
    }

    function scheme() {
      if (state.theme) return state.theme;
      return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
    }

    function copy(from, selector) {
      var node = from.querySelector(selector);
      return node ? node.cloneNode(true) : null;
    }

    /* Copy question index from the page's list onto the stage (or the stake buttons first). */
    function showQuestion(round) {
      var key = state.index + ":" + state.stake;
      if (shown === key) return;
      shown = key;
      question.textContent = "";
      answer.textContent = "";
      stakes.textContent = "";
      var waiting = round.kind === "risk" && state.stake === null;
      stakes.hidden = !waiting;
      if (waiting) {
        round.stakes.forEach(function (stake) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "qz-contest__stake";
          button.textContent = qz.format(T.stake, { stake: stake });
          button.addEventListener("click", function () {
            if (contest.choose(state, stake, Date.now())) {
              commit(qz.format(T.chose, { name: state.names[contest.turn(state.index)], stake: stake }));
              buttons.reveal.focus();
            }
          });
          stakes.appendChild(button);
        });
        return;
      }
      var item = items[state.index];
      [copy(item, "[data-qz-contest-stem]"), copy(item, "[data-qz-contest-options]"),
      ].forEach(function (node) {
        if (node) question.appendChild(node);
      });
      var reveal = copy(item, "[data-qz-contest-reveal-text]");
      if (reveal) answer.appendChild(reveal);
    }

    function markAnswer() {
      var keys = JSON.parse(items[state.index].getAttribute("data-qz-contest-answer-keys"));
      keys = [].concat(keys).map(String);
      Array.prototype.forEach.call(question.querySelectorAll("[data-qz-contest-option]"),
        function (option) {
          var right = state.revealed && keys.indexOf(option.getAttribute("data-qz-contest-option")) >= 0;
          option.classList.toggle("qz-contest__option--right", right);
        });
      answer.hidden = !state.revealed;
    }

    function renderBoard() {
      var scores = contest.scores(state);
      var turn = state.phase === "running" ? contest.turn(state.index) : -1;
      parts("team").forEach(function (row) {
        var team = Number(row.getAttribute("data-qz-contest-team"));
        row.querySelector("[data-qz-contest-score]").textContent = scores[team];
        row.classList.toggle("qz-contest__team--turn", team === turn);
        row.querySelector("[data-qz-contest-team-name]").textContent = state.names[team];
        Array.prototype.forEach.call(row.querySelectorAll("[data-qz-contest-award]"),
          function (button) {
            var plus = button.getAttribute("data-qz-contest-sign") === "1";
            button.setAttribute("aria-label", qz.format(plus ? T.awardPlus : T.awardMinus, { name: state.names[team] }));
          });
      });
    }

    function renderSetup() {
      parts("name").forEach(function (input) {
        var team = Number(input.getAttribute("data-qz-contest-name"));
        input.disabled = state.phase !== "setup";
        if (document.activeElement !== input) input.value = state.names[team];
      });
      part("start").hidden = state.phase !== "setup";
      part("resume").hidden = state.phase === "setup";
      setup.querySelector("[data-qz-contest-restart]").hidden = state.phase === "setup";
    }

    function render() {
      document.documentElement.classList.toggle(MODE, onStage);
      setup.hidden = onStage;
      stage.hidden = !onStage;
      stage.setAttribute("data-md-color-scheme", scheme() === "dark" ? "slate" : "default");
      buttons.theme.textContent = scheme() === "dark" ? T.toLight : T.toDark;
      renderSetup();
      renderBoard();
      var finished = state.phase === "finished";
      ranking.hidden = !finished;
      if (finished) {
        shown = null;
        part("round").textContent = T.finished;
        part("progress").textContent = "";
        part("points").textContent = "";
        part("turn").textContent = T.ranking;
        question.textContent = "";
        answer.hidden = true;
        stakes.hidden = true;
        ranking.textContent = "";
        contest.ranking(state).forEach(function (row) {
          var li = document.createElement("li");
          li.className = "qz-contest__place" + (row.place === 1 ? " qz-contest__place--first" : "");
          li.textContent = qz.format(T.place, row);
          ranking.appendChild(li);
        });
      } else if (state.phase === "running") {
        var slot = contest.slots[state.index];
        var round = contest.round(state.index);
        var turn = contest.turn(state.index);
        part("round").textContent = round.title;
        part("progress").textContent = qz.format(T.progress, {
          n: slot.position + 1, count: round.count,
          label: items[state.index].getAttribute("data-qz-contest-label"),
        });
        part("points").textContent = points(round, state.stake);
        part("turn").textContent = turn < 0 ? T.buzz : round.kind === "risk" && state.stake === null
          ? qz.format(T.chooseStake, { name: state.names[turn] })
          : qz.format(T.turn, { name: state.names[turn] });
        showQuestion(round);
        markAnswer();
      }
      var running = state.phase === "running";
      var waiting = running && contest.round(state.index).kind === "risk" && state.stake === null;
      buttons.reveal.disabled = !running || state.revealed || waiting;
      buttons.next.disabled = !running;
      buttons.next.textContent = running && state.index + 1 >= contest.total ? T.results : T.next;
      buttons.undo.disabled = !state.log.length;
      buttons.clock.disabled = !running || state.revealed || waiting;
      buttons.clock.textContent = state.timer.since === null ? T.resume : T.pause;
      tick();
    }

    /* The countdown, from the wall clock: it survives a reload and pauses exactly. */
    function tick() {
      if (state.phase !== "running") {
        timer.textContent = "";
        return;
      }
      var round = contest.round(state.index);
      if (round.kind === "risk" && state.stake === null) {
        timer.textContent = T.waiting;
        timer.className = "qz-contest__timer";
        return;
      }
      var left = contest.left(state, Date.now());
      var seconds = Math.ceil(left / 1000);
      timer.textContent = left > 0 ? qz.format(T.left, { seconds: seconds }) +
        (state.timer.since === null ? T.paused : "") : T.timeUp;
      timer.className = "qz-contest__timer" + (left <= 0 ? " qz-contest__timer--over"
        : seconds <= 5 ? " qz-contest__timer--low" : "");
    }

    var actions = {
      active: function () {
        return onStage && view.isConnected;
      },
      next: function () {
        if (contest.next(state, Date.now())) commit("");
      },
      reveal: function () {
        if (contest.reveal(state, Date.now())) commit("");
      },
      award: function (team, sign) {
        if (state.phase === "running" && contest.round(state.index).kind === "risk" &&
            state.stake === null) {
          say(T.stakeFirst);
          return;
        }
        var entry = contest.award(state, team, sign);
        if (entry) {
          commit(scored(entry.delta > 0 ? T.awardedPlus : T.awardedMinus, state.names[team], entry.delta,
                        contest.scores(state)[team]));
        }
      },
      undo: function () {
        var entry = contest.undo(state);
        if (entry) commit(scored(entry.delta > 0 ? T.undonePlus : T.undoneMinus, state.names[entry.team],
                               entry.delta));
        else say(T.nothingToUndo);
      },
      clock: function () {
        if (contest.toggleClock(state, Date.now())) commit("");
      },
      fullscreen: function () {
        var root = document.documentElement;
        if (fullscreenElement()) {
          (document.exitFullscreen || document.webkitExitFullscreen).call(document);
        } else if (root.requestFullscreen) {
          root.requestFullscreen().catch(function () {});
        } else if (root.webkitRequestFullscreen) {
          root.webkitRequestFullscreen();
        }
      },
      help: function () {
        var dialog = part("keys");
        if (typeof dialog.showModal === "function") dialog.showModal();
        else dialog.setAttribute("open", "");
        part("keys-close").focus();
      },
    };

    buttons.reveal.addEventListener("click", actions.reveal);
    buttons.next.addEventListener("click", actions.next);
    buttons.undo.addEventListener("click", actions.undo);
    buttons.clock.addEventListener("click", actions.clock);
    buttons.fullscreen.addEventListener("click", actions.fullscreen);
    part("help").addEventListener("click", actions.help);
    part("keys-close").addEventListener("click", function () {
      var dialog = part("keys");
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      part("help").focus();
    });
    buttons.theme.addEventListener("click", function () {
      state.theme = scheme() === "dark" ? "light" : "dark";
      commit("");
    });
    parts("award").forEach(function (button) {
      button.addEventListener("click", function () {
        actions.award(Number(button.getAttribute("data-qz-contest-award")),
          Number(button.getAttribute("data-qz-contest-sign")));
      });
    });
    parts("name").forEach(function (input) {
      input.addEventListener("input", function () {
        var team = Number(input.getAttribute("data-qz-contest-name"));
        if (state.phase !== "setup") return;
        state.names[team] = qz.contestCleanName(input.value, contest.config.teams[team]);
        contest.save(state); // a reload before the start keeps the names typed
        renderBoard();
      });
    });
    part("start").addEventListener("click", function () {
      contest.start(state, parts("name").map(function (input) {
        return input.value;
      }), Date.now());
      onStage = true;
      commit("");
      status.textContent = "";
      buttons.reveal.focus();
    });
    part("resume").addEventListener("click", function () {
      onStage = true;
      render();
      buttons.next.focus();
    });
    part("leave").addEventListener("click", function () {
      onStage = false;
      if (fullscreenElement()) actions.fullscreen();
      render();
      part("resume").focus();
    });
    parts("restart").forEach(function (button) {
      button.addEventListener("click", function () {
        qz.dialog.confirm({ message: T.restartAsk, ok: T.restartOk, cancel: T.restartCancel })
          .then(function (yes) {
            if (!yes || !view.isConnected) return;
            state = contest.restart(state);
            onStage = false;
            shown = null;
            commit("");
            status.textContent = T.restarted;
            part("start").focus();
          });
      });
    });

    function onFullscreen() {
      buttons.fullscreen.textContent = fullscreenElement() ? T.exitFullscreen : T.fullscreen;
    }
    if (!document.documentElement.requestFullscreen &&
        !document.documentElement.webkitRequestFullscreen) buttons.fullscreen.hidden = true;
    document.addEventListener("fullscreenchange", onFullscreen);
    document.addEventListener("webkitfullscreenchange", onFullscreen);

    render();
    say(status.textContent); // the setup's message, on the stage too when the contest resumes
    var interval = window.setInterval(tick, 250);
    var stopKeys = qz.contestKeys(actions);
    return function () {
      window.clearInterval(interval);
      stopKeys();
      document.removeEventListener("fullscreenchange", onFullscreen);
      document.removeEventListener("webkitfullscreenchange", onFullscreen);
      document.documentElement.classList.remove(MODE);
      if (fullscreenElement()) actions.fullscreen();
    };
  }

  qz.onPage(start);
})();
