"""Byte budgets of our own files, gzip: the browser tests hold the site to them and
``make bench`` reports them. Each grew only with a feature members asked for; why, below."""

# What every page loads (字号, 错题): qz-header.js. 2 KiB until issue 9; 2.75 KiB since: its
# words from the table, the cleanup hook of qz.onPage, the early load of a page's scripts,
# the WeChat check.
EVERY_PAGE_GZIP = 2816

# What a quiz page adds (its scripts and quiz.css; not qz-header.js or the site theme).
# 8 KiB until issue 9; 9 KiB since: every stored entry is checked on read (qz-storage.js)
# and the question index prunes the 错题本 (qz-data.js). 14 KiB since issue 10: the entry
# checks are a file of their own and check new fields; qz-marks.js (收藏, 斩题, 把握程度,
# 题号), qz-groups.js (分组作答) and qz-keys.js (keyboard shortcuts) hook into every quiz.
# 19.5 KiB since: qz-dialog.js and qz-drafts.js (answers kept as they are given), and each
# script's words from the table (macros/ui_text.py puts only the sections a script reads in
# front of it; one file of every word was 6.3 KiB).
QUIZ_PAGE_GZIP = 19968
