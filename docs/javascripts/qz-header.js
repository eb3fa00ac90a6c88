/*
 * qz-header.js: what every page shows in Material's header: the 字号 button (标准 → 大 →
 * 特大) for members who need large text, and the 错题 link with the number of 错题本
 * questions due today.
 *
 * Loaded in <head> (overrides/main.html) so the saved size applies before the page paints;
 * the controls go into the header once the page is there. The text size is kept with
 * qz.storage, so it holds on every page and visit.
 */
(function () {
  "use strict";

  var qz = window.qz;
  var SIZES = [
    { id: "standard", name: "标准" },
    { id: "large", name: "大" },
    { id: "x-large", name: "特大" },
  ];

  function current() {
    var saved = qz.storage.setting("textSize");
    for (var i = 0; i < SIZES.length; i++) if (SIZES[i].id === saved) return i;
    return 0;
  }

  function apply(index) {
    document.documentElement.setAttribute("data-qz-text", SIZES[index].id);
  }

  function label(button, index) {
    var next = SIZES[(index + 1) % SIZES.length].name;
    button.setAttribute("aria-label", "字号：" + SIZES[index].name + "。按一下改为" + next);
    button.querySelector(".qz-text-size__name").textContent = SIZES[index].name;
  }

  /* The 错题 link, shown while questions are due; its address comes from the page
     (<meta name="qz:review">), which knows how this build spells page URLs. */
  function badge(header, before) {
    var meta = document.querySelector("meta[name='qz:review']");
    var link = document.createElement("a");
    link.className = "md-header__button qz-due";
    link.href = meta ? meta.content : "#";
    link.innerHTML = '错题<span class="qz-due__count"></span>';
    header.insertBefore(link, before);
    function refresh() {
      var due = qz.storage.reviews(true).length;
      link.hidden = !due;
      link.querySelector(".qz-due__count").textContent = due;
      link.setAttribute("aria-label", "错题本：今天有" + due + "题要复习");
    }
    refresh();
    document.addEventListener("qz:changed", refresh);
    window.addEventListener("storage", refresh);
  }

  function mount() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".qz-text-size")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button qz-text-size";
    button.innerHTML = '字号<span class="qz-text-size__name"></span>';
    label(button, current());
    button.addEventListener("click", function () {
      var index = (current() + 1) % SIZES.length;
      qz.storage.saveSetting("textSize", SIZES[index].id);
      apply(index);
      label(button, index);
    });
    var before = header.querySelector("[data-md-component=palette]") ||
      header.querySelector("label[for=__search]");
    header.insertBefore(button, before);
    badge(header, button);
  }

  apply(current());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
