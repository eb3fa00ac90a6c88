/*
 * qz-contest-state.js: the 知识竞赛's state and its undo log, and the one writer of its storage.
 *
 * A contest runs on the meeting-room computer, not on a member's phone: it is the room's shared
 * scoreboard, not a member's study record, so it is not kept in qz-storage.js's record
 * (jgdj:v1, exported and imported with the member's progress). It has its own key,
 *   jgdj:contest:<contest id>:<fingerprint of the draw>
 * so a rebuilt contest with other questions never resumes an old one. Written here only, after
 * every action, so a reload or an accidental click on a link loses nothing; read as hostile
 * (another script, an old version or a person may have put anything there): every field is
 * checked, and a value that fails is kept aside under <key>:damaged before a fresh start.
 *
 * Scores are not stored: they are the sum of the log of awards, which is what 撤销 unwinds.
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var TEXT = qz.text("contest"); // qz-contest-screen.js reads the same section
  var PHASES = ["setup", "running", "finished"];
  var MAX_LOG = 2000;
  var MAX_NAME = 12;

  function isInt(value, min, max) {
    return typeof value === "number" && value % 1 === 0 && value >= min && value <= max;
  }

  function isTime(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  /* A team name as typed: trimmed, at most 12 characters, never empty. */
  function cleanName(value, fallback) {
    var text = typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "";
    return text ? text.slice(0, MAX_NAME) : fallback;
  }

  /* config: the page's data-qz-contest (teams, rounds with kind, points, penalty, stakes…). */
  function Contest(config) {
    this.config = config;
    this.key = "jgdj:contest:" + config.id + ":" + config.key;
    this.slots = []; // question index → { round, position } ; position counts from 0
    var self = this;
    config.rounds.forEach(function (round, index) {
      for (var i = 0; i < round.count; i++) self.slots.push({ round: index, position: i });
    });
    this.total = this.slots.length;
  }

  Contest.prototype.fresh = function (names) {
    return {
      v: 1,
      phase: "setup",
      names: (names || this.config.teams).slice(),
      index: 0,
      revealed: false,
      stake: null,
      timer: { spent: 0, since: null },
      log: [],
      theme: null,
    };
  };

  /* Check a stored value field by field; returns the state, or a message naming the fault. */
  Contest.prototype.check = function (data) {
    var teams = this.config.teams.length;
    var total = this.total;
    if (!data || typeof data !== "object" || data.v !== 1) return TEXT.faultFormat;
    if (PHASES.indexOf(data.phase) < 0) return "phase";
    if (!Array.isArray(data.names) || data.names.length !== teams) return TEXT.faultNames;
    for (var n = 0; n < teams; n++) {
      if (typeof data.names[n] !== "string" || !data.names[n].trim() ||
          data.names[n].length > MAX_NAME) return TEXT.faultNames;
    }
    if (!isInt(data.index, 0, total - 1)) return TEXT.faultIndex;
    if (typeof data.revealed !== "boolean") return "revealed";
    var round = this.round(data.index);
    if (data.stake !== null && (round.kind !== "risk" || round.stakes.indexOf(data.stake) < 0)) {
      return TEXT.faultStake;
    }
    var timer = data.timer;
    if (!timer || typeof timer !== "object" || !isTime(timer.spent) ||
        (timer.since !== null && !isTime(timer.since))) return TEXT.faultTimer;
    if (data.theme !== null && data.theme !== "light" && data.theme !== "dark") return "theme";
    if (!Array.isArray(data.log) || data.log.length > MAX_LOG) return TEXT.faultLog;
    for (var i = 0; i < data.log.length; i++) {
      var entry = data.log[i];
      if (!entry || typeof entry !== "object" || !isInt(entry.team, 0, teams - 1) ||
          !isInt(entry.at, 0, data.index) || !isInt(entry.delta, -1000, 1000)) {
        return qz.format(TEXT.faultLogEntry, { n: i + 1 });
      }
    }
    return {
      v: 1, phase: data.phase, names: data.names.slice(), index: data.index,
      revealed: data.revealed, stake: data.stake,
      timer: { spent: timer.spent, since: timer.since },
      log: data.log.map(function (e) {
        return { team: e.team, delta: e.delta, at: e.at };
      }),
      theme: data.theme,
    };
  };

  /* Read the saved contest: { state, problem } where problem is a message for the host. */
  Contest.prototype.load = function () {
    var raw = null;
    try {
      raw = localStorage.getItem(this.key);
    } catch (error) {
      return { state: this.fresh(), problem: TEXT.noStorage };
    }
    if (raw === null) return { state: this.fresh(), problem: null };
    var data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      data = null;
    }
    var checked = this.check(data);
    if (typeof checked === "string") {
      try {
        localStorage.setItem(this.key + ":damaged", raw); // kept, not lost
      } catch (error) {
        // nothing more to do: the message below still tells the host
      }
      return { state: this.fresh(), problem: qz.format(TEXT.damaged, { what: checked }) };
    }
    return { state: checked, problem: null };
  };

  /* Write the state; false when the browser refuses (private mode, full storage). */
  Contest.prototype.save = function (state) {
    try {
      localStorage.setItem(this.key, JSON.stringify(state));
      return true;
    } catch (error) {
      return false;
    }
  };

  Contest.prototype.round = function (index) {
    return this.config.rounds[this.slots[index].round];
  };

  /* Whose turn it is at a question (必答题 and 风险题 go round the teams), or -1 (抢答题). */
  Contest.prototype.turn = function (index) {
    var slot = this.slots[index];
    var kind = this.config.rounds[slot.round].kind;
    return kind === "buzz" ? -1 : slot.position % this.config.teams.length;
  };

  Contest.prototype.scores = function (state) {
    var scores = this.config.teams.map(function () {
      return 0;
    });
    state.log.forEach(function (entry) {
      scores[entry.team] += entry.delta;
    });
    return scores;
  };

  /* Teams by score, best first; equal scores share a place (1, 1, 3). */
  Contest.prototype.ranking = function (state) {
    var scores = this.scores(state);
    var order = scores.map(function (score, team) {
      return { team: team, score: score, name: state.names[team] };
    }).sort(function (a, b) {
      return b.score - a.score || a.team - b.team;
    });
    order.forEach(function (row, i) {
      row.place = i > 0 && order[i - 1].score === row.score ? order[i - 1].place : i + 1;
    });
    return order;
  };

  /* What a 加分 (sign 1) or 减分 (sign -1) is worth now; 0 while a 风险题 has no stake. */
  Contest.prototype.amount = function (state, sign) {
    var round = this.round(state.index);
    if (round.kind === "risk") return state.stake || 0;
    if (round.kind === "buzz" && sign < 0) return round.penalty;
    return round.points;
  };

  /* Milliseconds left on the question's clock at time now. */
  Contest.prototype.left = function (state, now) {
    var timer = state.timer;
    var spent = timer.spent + (timer.since === null ? 0 : Math.max(0, now - timer.since));
    return Math.max(0, this.round(state.index).seconds * 1000 - spent);
  };

  /* Actions: each changes the state in place. The screen saves and redraws after each. */
  Contest.prototype.start = function (state, names, now) {
    state.phase = "running";
    state.names = names.map(function (name, i) {
      return cleanName(name, state.names[i]);
    });
    this.show(state, 0, now);
  };

  /* Put question index on screen: answer hidden, clock reset, running unless a stake is due. */
  Contest.prototype.show = function (state, index, now) {
    state.index = index;
    state.revealed = false;
    state.stake = null;
    var waiting = this.round(index).kind === "risk";
    state.timer = { spent: 0, since: waiting ? null : now };
  };

  Contest.prototype.next = function (state, now) {
    if (state.phase !== "running") return false;
    if (state.index + 1 >= this.total) {
      this.pause(state, now);
      state.phase = "finished";
    } else {
      this.show(state, state.index + 1, now);
    }
    return true;
  };

  Contest.prototype.reveal = function (state, now) {
    if (state.phase !== "running" || state.revealed) return false;
    if (this.round(state.index).kind === "risk" && state.stake === null) return false;
    state.revealed = true;
    this.pause(state, now);
    return true;
  };

  Contest.prototype.choose = function (state, stake, now) {
    var round = this.round(state.index);
    if (state.phase !== "running" || round.kind !== "risk" || state.stake !== null ||
        round.stakes.indexOf(stake) < 0) return false;
    state.stake = stake;
    state.timer = { spent: 0, since: now };
    return true;
  };

  /* Returns the entry logged, or null when nothing can be awarded now. */
  Contest.prototype.award = function (state, team, sign) {
    if (state.phase === "setup" || !isInt(team, 0, this.config.teams.length - 1)) return null;
    if (state.log.length >= MAX_LOG) return null;
    var amount = this.amount(state, sign);
    if (!amount) return null;
    var entry = { team: team, delta: sign * amount, at: state.index };
    state.log.push(entry);
    return entry;
  };

  Contest.prototype.undo = function (state) {
    return state.phase === "setup" ? null : state.log.pop() || null;
  };

  Contest.prototype.pause = function (state, now) {
    var timer = state.timer;
    if (timer.since !== null) {
      timer.spent += Math.max(0, now - timer.since);
      timer.since = null;
    }
  };

  /* Pause a running clock or resume a paused one; false when there is nothing to time. */
  Contest.prototype.toggleClock = function (state, now) {
    if (state.phase !== "running" || state.revealed) return false;
    if (this.round(state.index).kind === "risk" && state.stake === null) return false;
    if (state.timer.since !== null) this.pause(state, now);
    else if (this.left(state, now) > 0) state.timer.since = now;
    else return false;
    return true;
  };

  Contest.prototype.restart = function (state) {
    var fresh = this.fresh(state.names);
    fresh.theme = state.theme;
    return fresh;
  };

  qz.Contest = Contest;
  qz.contestCleanName = cleanName;
})();
