/*
 * qz-contest-keys.js: the 知识竞赛 host's keyboard, listed in the page's 快捷键 overlay.
 *
 *   空格 or → 下一题 · R 揭晓答案 · 1–9 给该队加分 · Shift+1–9 减分 · U 撤销 · T 计时 · F 全屏 · ? or H 快捷键
 *
 * Keys act only while the big screen shows, never while typing in a field or while a dialog
 * (the overlay, 重新开始's question) is open. Space is taken over on the stage: otherwise it
 * would also press the focused button (加分 twice instead of 下一题). Returns the cleanup
 * that removes the listeners, which qz-contest-screen.js runs when the host leaves the page.
 */
(function () {
  "use strict";

  var qz = window.qz;

  function typing(target) {
    return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function digit(event) {
    var match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code || "") || /^([1-9])$/.exec(event.key);
    return match ? Number(match[1]) : 0;
  }

  function isSpace(event) {
    return event.key === " " || event.key === "Spacebar";
  }

  qz.contestKeys = function (actions) {
    function ignored(event) {
      return !actions.active() || event.ctrlKey || event.metaKey || event.altKey ||
        typing(event.target) || !!document.querySelector("dialog[open]");
    }

    function onKeyDown(event) {
      if (ignored(event)) return;
      var key = event.key;
      var number = digit(event);
      if (isSpace(event) || key === "ArrowRight") {
        if (!event.repeat) actions.next();
      } else if (key === "r" || key === "R") actions.reveal();
      else if (key === "u" || key === "U") actions.undo();
      else if (key === "t" || key === "T") actions.clock();
      else if (key === "f" || key === "F") actions.fullscreen();
      else if (key === "?" || key === "h" || key === "H") actions.help();
      else if (number) {
        if (!event.repeat) actions.award(number - 1, event.shiftKey ? -1 : 1);
      } else return;
      event.preventDefault();
    }

    /* A focused button clicks on Space's keyup: the key already meant 下一题. */
    function onKeyUp(event) {
      if (isSpace(event) && !ignored(event)) event.preventDefault();
    }

    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("keyup", onKeyUp);
    return function () {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("keyup", onKeyUp);
    };
  };
})();
