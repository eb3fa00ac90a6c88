/*
 * qz-exam-clock.js: the mock exam's timer line, one compact sticky line under Material's
 * header ("剩余29:59  已答12/40  还剩5分钟"), and the 延长10分钟 / 不再计时 controls
 * (WCAG 2.2.1: the member may extend the time or switch it off).
 *
 * The clock runs on wall time: the sitting's state holds when it began and how long it
 * may last, so a reload, a chat switch in WeChat or closing the tab does not stop it.
 * Warnings at 5 and 1 minutes change the line's colour and put their text into a live
 * region in that line; the view (qz-exam.js) announces time-up where the member looks.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var v = qz.views;
  var TEXT = qz.text("exam");
  var WARNINGS = [5, 1]; // minutes before the end
  var EXTRA = 10 * 60000;

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* state: { began: ms, limit: ms or null (untimed) }; changed(): save the state;
     timeUp(): the time ran out. Returns { line, controls, start(), stop(), progress }. */
  function clock(state, changed, timeUp) {
    var line = v.el("div", { "class": "qz-exam__clock", "data-qz-clock": "" });
    var remaining = v.el("span", { "class": "qz-exam__remaining" });
    var progress = v.el("a", { "class": "qz-exam__progress", href: "#qz-exam-sheet" });
    var warning = v.el("span", { "class": "qz-exam__warning", role: "alert" });
    line.appendChild(remaining);
    line.appendChild(progress);
    line.appendChild(warning);
    var controls = v.el("div", { "class": "qz__actions qz-exam__controls" });
    var extend = v.el("button", { type: "button", "class": "md-button" }, TEXT.extend);
    var untimed = v.el("button", { type: "button", "class": "md-button" }, TEXT.untimed);
    controls.appendChild(extend);
    controls.appendChild(untimed);
    var warned = {};
    var timer = null;

    function warn(minutes) {
      line.classList.toggle("qz-exam__clock--warn", minutes !== null);
      warning.textContent = minutes === null ? "" : qz.format(TEXT.warn, { minutes: minutes });
    }

    function tick() {
      if (state.limit === null) {
        remaining.textContent = TEXT.untimedNote;
        return;
      }
      var left = state.began + state.limit - Date.now();
      if (left <= 0) {
        stop();
        timeUp();
        return;
      }
      var seconds = Math.ceil(left / 1000);
      var time = two(Math.floor(seconds / 60)) + ":" + two(seconds % 60);
      remaining.textContent = qz.format(TEXT.remaining, { time: time });
      WARNINGS.forEach(function (minutes) {
        if (left <= minutes * 60000 && !warned[minutes] && state.limit > minutes * 60000) {
          WARNINGS.forEach(function (other) {
            if (other >= minutes) warned[other] = true; // resumed late: only the nearest one
          });
          warn(minutes);
        }
      });
    }

    function stop() {
      if (timer) clearInterval(timer);
      timer = null;
    }

    extend.addEventListener("click", function () {
      if (state.limit === null) return;
      state.limit += EXTRA;
      warned = {};
      warn(null);
      changed();
      tick();
    });
    untimed.addEventListener("click", function () {
      stop();
      state.limit = null;
      controls.hidden = true;
      warn(null);
      changed();
      tick();
    });

    return {
      line: line,
      controls: controls,
      progress: progress,
      /* Runs the clock; false when the time had already run out (timeUp has been called). */
      start: function () {
        controls.hidden = state.limit === null;
        tick();
        if (state.limit !== null && state.began + state.limit - Date.now() <= 0) return false;
        if (state.limit !== null) timer = setInterval(tick, 1000);
        return true;
      },
      stop: function () {
        stop();
        line.hidden = true;
        controls.hidden = true;
      },
    };
  }

  qz.examClock = clock;
})();
