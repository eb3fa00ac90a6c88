/*
 * qz-dialog.js: an in-page question to the member ("还有38题未作答，确定交卷吗？").
 *
 * WeChat's built-in browser blocks window.confirm() and alert(), so every question the site
 * asks is a native <dialog> in the page: modal, Escape answers "no", the focus starts on the
 * safe choice and returns to where it was. Where <dialog> has no showModal (old browsers) the
 * same element is shown open in the page, which still works with keyboard and touch.
 *
 *   qz.dialog.confirm({ message: "…", ok: "交卷", cancel: "继续作答" }).then(function (yes) { … });
 */
(function () {
  "use strict";

  var qz = (window.qz = window.qz || {});
  var TEXT = qz.text("dialog");
  var open = []; // finish functions of the dialogs showing now

  function button(text, primary) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "md-button" + (primary ? " md-button--primary" : "");
    node.textContent = text;
    return node;
  }

  /* Ask; resolves true for ok, false for cancel, Escape or the page being left. */
  function confirm(options) {
    return new Promise(function (resolve) {
      var returnTo = document.activeElement;
      var dialog = document.createElement("dialog");
      dialog.className = "qz-dialog";
      dialog.setAttribute("aria-labelledby", "qz-dialog-message");
      var message = document.createElement("p");
      message.id = "qz-dialog-message";
      message.className = "qz-dialog__message";
      message.textContent = options.message;
      var actions = document.createElement("div");
      actions.className = "qz-dialog__actions";
      var ok = button(options.ok || TEXT.ok, true);
      var cancel = button(options.cancel || TEXT.cancel, false);
      actions.appendChild(ok);
      actions.appendChild(cancel);
      dialog.appendChild(message);
      dialog.appendChild(actions);
      var done = false;
      function finish(answer) {
        if (done) return;
        done = true;
        open.splice(open.indexOf(finish), 1);
        if (typeof dialog.close === "function" && dialog.open) dialog.close();
        dialog.remove();
        if (returnTo && returnTo.isConnected && returnTo.focus) returnTo.focus();
        resolve(answer);
      }
      ok.addEventListener("click", function () {
        finish(true);
      });
      cancel.addEventListener("click", function () {
        finish(false);
      });
      dialog.addEventListener("cancel", function (event) {
        event.preventDefault(); // Escape: answer "no" through the same path
        finish(false);
      });
      dialog.addEventListener("keydown", function (event) {
        if (event.key === "Escape") finish(false);
      });
      open.push(finish);
      document.body.appendChild(dialog);
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      cancel.focus(); // the safe choice first: Enter by habit does not submit an exam
    });
  }

  qz.dialog = { confirm: confirm };

  // A question asked on one page never stays over the next (instant navigation).
  if (qz.onPage) {
    qz.onPage(function () {
      return function () {
        open.slice().forEach(function (finish) {
          finish(false);
        });
      };
    });
  }
})();
