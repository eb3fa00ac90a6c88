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
  // Every string the contest shows or announces, for qz-contest-screen.js and -keys.js too.
  qz.contestText = {
    noStorage: "这台电脑的浏览器不能保存竞赛进度（可能是隐私模式）：刷新页面会从头开始。",
    damaged: function (what) {
      return "保存的竞赛进度无法读取（" + what + "有误），已从头开始；原来的内容另存在本机，没有删除。";
    },
    progress: function (position, count) {
      return "第" + position + "题／共" + count + "题";
    },
    points: function (round, stake) {
      if (round.kind === "risk") return stake ? "本题" + stake + "分（答错扣" + stake + "分）" : "";
      if (round.kind === "buzz") return "答对加" + round.points + "分，答错扣" + round.penalty + "分";
      return "本题" + round.points + "分";
    },
    turn: function (name) {
      return "请" + name + "作答";
    },
    buzz: "抢答：主持人读完题后，最先举手的队作答",
    chooseStake: function (name) {
      return "请" + name + "选择分值，选定后出题";
    },
    stake: function (stake) {
      return stake + "分";
    },
    chose: function (name, stake) {
      return name + "选择了" + stake + "分";
    },
    left: function (seconds) {
      return "剩余" + seconds + "秒";
    },
    paused: "（已暂停）",
    timeUp: "时间到",
    waiting: "选定分值后开始计时",
    answer: "答案：",
    explanation: "解析：",
    finished: "竞赛结束",
    ranking: "最终排名",
    place: function (row) {
      return "第" + row.place + "名　" + row.name + "　" + row.score + "分";
    },
    awarded: function (name, delta, score) {
      return name + (delta > 0 ? "加" : "减") + Math.abs(delta) + "分，现在" + score + "分";
    },
    undone: function (name, delta) {
      return "已撤销：" + name + (delta > 0 ? "加" : "减") + Math.abs(delta) + "分";
    },
    awardLabel: function (name, plus) {
      return name + (plus ? "加分" : "减分");
    },
    nothingToUndo: "没有可以撤销的加减分。",
    stakeFirst: "风险题要先选分值，再加分或减分。",
    next: "下一题",
    results: "公布结果",
    pause: "暂停计时",
    resume: "继续计时",
    toDark: "深色",
    toLight: "浅色",
    fullscreen: "全屏",
    exitFullscreen: "退出全屏",
    restartAsk: "重新开始会清空本场的比分和进度（队名保留），确定吗？",
    restartOk: "重新开始",
    restartCancel: "取消",
    restarted: "已重新开始：可以修改队名，然后点“开始竞赛”。",
    resumed: "已恢复上次的竞赛进度。",
  };
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
    if (!data || typeof data !== "object" || data.v !== 1) return "格式不对";
    if (PHASES.indexOf(data.phase) < 0) return "phase";
    if (!Array.isArray(data.names) || data.names.length !== teams) return "队名";
    for (var n = 0; n < teams; n++) {
      if (typeof data.names[n] !== "string" || !data.names[n].trim() ||
          data.names[n].length > MAX_NAME) return "队名";
    }
    if (!isInt(data.index, 0, total - 1)) return "题号";
    if (typeof data.revealed !== "boolean") return "revealed";
    var round = this.round(data.index);
    if (data.stake !== null && (round.kind !== "risk" || round.stakes.indexOf(data.stake) < 0)) {
      return "分值";
    }
    var timer = data.timer;
    if (!timer || typeof timer !== "object" || !isTime(timer.spent) ||
        (timer.since !== null && !isTime(timer.since))) return "计时";
    if (data.theme !== null && data.theme !== "light" && data.theme !== "dark") return "theme";
    if (!Array.isArray(data.log) || data.log.length > MAX_LOG) return "记分记录";
    for (var i = 0; i < data.log.length; i++) {
      var entry = data.log[i];
      if (!entry || typeof entry !== "object" || !isInt(entry.team, 0, teams - 1) ||
          !isInt(entry.at, 0, data.index) || !isInt(entry.delta, -1000, 1000)) {
        return "记分记录第" + (i + 1) + "条";
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
      return { state: this.fresh(), problem: qz.contestText.noStorage };
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
      return { state: this.fresh(), problem: qz.contestText.damaged(checked) };
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
