/*! iframe-worker 1.0.4 (MIT, Martin Donath; see iframe-worker.LICENSE): the set-up of the
    frame that stands in for a Web Worker, formerly an inline script written by
    iframe-worker-shim.js; a file, so the offline package's Content-Security-Policy holds. */
"use strict";
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (message, target) {
    parent.postMessage(message, target || "*");
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
