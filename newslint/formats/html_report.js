"use strict";
(function () {
  // The page's data: files with their counts by (rule, level), and, in a large report, each
  // article's body kept in an element no browser runs, with the id "a" + its number.
  var index = JSON.parse(document.getElementById("nl-index").textContent);
  var levels = index.levels, rules = index.rules, files = index.files;
  var filterStyle = document.createElement("style");
  document.head.appendChild(filterStyle);
  var tbody = document.querySelector("#file-table tbody"), more = document.getElementById("f-more");
  var limit = index.rows, order = index.order;
  var articles = document.querySelectorAll("#articles .article");
  var shown = document.getElementById("f-shown");
  var ruleSelect = document.getElementById("f-rule"), packSelect = document.getElementById("f-pack");
  var search = document.getElementById("f-search"), clean = document.getElementById("f-clean");
  var levelBoxes = document.querySelectorAll("input[name=level]");
  var bars = document.querySelectorAll(".bar");

  function render(body) {
    if (body.dataset.done) return;
    var data = document.getElementById("a" + body.dataset.i);
    if (data) {
      body.innerHTML = data.type === "application/json" ? JSON.parse(data.textContent) : data.textContent;
      body.style.minHeight = "";
    }
    body.dataset.done = "1";
    layout(body);
  }

  // Margin notes: each block's notes beside its first highlight, pushed down below the notes
  // before them; the article grows to hold the last. Narrow pages keep them under the text.
  function layout(body) {
    var lists = body.querySelectorAll(".notes");
    var side = body.offsetWidth >= 760 && lists.length > 0;
    body.classList.toggle("side", side);
    body.style.paddingBottom = "";
    if (!side || body.offsetParent === null) return;
    var base = body.getBoundingClientRect().top, bottom = 0;
    lists.forEach(function (list) {
      var note = list.querySelector(".note");
      var mark = note && document.getElementById("h" + note.id.slice(1));
      var at = (mark || list.parentNode).getBoundingClientRect().top - base - 4;
      var top = Math.max(at, bottom);
      list.style.top = top + "px";
      var height = list.offsetHeight;
      if (height) bottom = top + height + 8;
    });
    var extra = bottom - body.offsetHeight;
    if (extra > 0) body.style.paddingBottom = extra + "px";
  }

  function layoutAll() {
    document.querySelectorAll("#articles .body[data-done]").forEach(layout);
  }
  var resizing = 0;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(layoutAll, 150); });

  function renderAll() {
    document.querySelectorAll("#articles .body").forEach(render);
  }

  // Bodies are built (a large report) and their notes laid out in the margin as they come near
  // the view, so that opening a long report lays out only what is seen.
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { render(entry.target); observer.unobserve(entry.target); }
      });
    }, { rootMargin: "1200px 0px" });
    document.querySelectorAll("#articles .body").forEach(function (body) { observer.observe(body); });
  } else {
    renderAll();
  }
  window.addEventListener("beforeprint", renderAll);
  window.addEventListener("afterprint", function () { layoutAll(); });

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function rowHtml(i, h) {
    var file = files[i];
    var head = file.e ? '<span class="err">' + esc(file.e) + "</span>" : esc(file.t);
    var cells = levels.map(function (level, k) { return '<td class="n" data-lv="' + level + '">' + (h.counts[k] || "") + "</td>"; });
    return '<tr class="file" data-i="' + i + '"><td class="path"><a href="#f' + i + '">' + esc(file.p) + "</a></td>" +
      '<td class="head">' + head + "</td>" + cells.join("") + '<td class="n all">' + h.total + "</td></tr>";
  }

  function cssString(value) {
    return '"' + value.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\a ") + '"';
  }

  function state() {
    var on = [];
    levelBoxes.forEach(function (box) { if (box.checked) on.push(box.value); });
    return { levels: on, rule: ruleSelect.value, pack: packSelect.value,
             query: search.value.trim().toLowerCase(), clean: clean.checked };
  }

  function ruleMatches(rule, s) {
    return (!s.rule || rule === s.rule) && (!s.pack || rule.split(".")[0] === s.pack);
  }

  // Highlights and notes left out by the filter are hidden by one generated style sheet, so
  // that an article built later is filtered as it appears.
  function filterCss(s) {
    var off = [];
    levels.forEach(function (level) {
      if (s.levels.indexOf(level) < 0) off.push('[data-level="' + level + '"]', '[data-lv="' + level + '"]');
    });
    if (s.rule) off.push("[data-rule]:not([data-rule=" + cssString(s.rule) + "])", "[data-r]:not([data-r=" + cssString(s.rule) + "])");
    if (s.pack) {
      var prefix = cssString(s.pack + ".");
      off.push("[data-rule]:not([data-rule^=" + prefix + "])", "[data-r]:not([data-r^=" + prefix + "])");
    }
    if (!off.length) return "";
    var marks = off.map(function (sel) { return "mark.hl" + sel; }).join(",");
    var notes = off.map(function (sel) { return ".note" + sel; }).join(",");
    return marks + "{background:none;border-bottom-color:transparent;cursor:auto}" +
      off.map(function (sel) { return "mark.hl" + sel + "::after"; }).join(",") + "{content:none}" +
      notes + "{display:none}";
  }

  // `initial`: the page as written already shows this state; only remember it.
  function apply(initial) {
    var s = state();
    filterStyle.textContent = filterCss(s);
    var filtered = s.levels.length < levels.length || s.rule || s.pack;
    var visible = 0, findings = 0;
    var hide = new Array(files.length);
    files.forEach(function (file, i) {
      var counts = [0, 0, 0];
      file.c.forEach(function (c) {
        if (s.levels.indexOf(levels[c[1]]) >= 0 && ruleMatches(rules[c[0]], s)) counts[c[1]] += c[2];
      });
      var total = counts[0] + counts[1] + counts[2];
      var text = s.query && (file.p + "\n" + file.t + "\n" + file.c.map(function (c) { return rules[c[0]]; }).join("\n")).toLowerCase();
      var hidden = (s.query && text.indexOf(s.query) < 0) || (total === 0 && (filtered || (!s.clean && !file.e)));
      hide[i] = { hidden: hidden, counts: counts, total: total };
      if (!hidden) { visible++; findings += total; }
    });
    // The rows: the first `limit` files the filters leave, rebuilt from the index (the page
    // as written holds the first rows of the unfiltered list).
    var listed = order.filter(function (i) { return !hide[i].hidden; });
    if (initial !== true) {
      tbody.innerHTML = listed.slice(0, limit).map(function (i) { return rowHtml(i, hide[i]); }).join("");
    }
    more.hidden = listed.length <= limit;
    more.textContent = "Show " + Math.min(index.rows, listed.length - limit) + " more of " + (listed.length - limit) + " files";
    if (initial !== true) articles.forEach(function (article) {
      var hidden = hide[+article.dataset.i].hidden;
      if (article.classList.contains("hide") !== hidden) article.classList.toggle("hide", hidden);
    });
    bars.forEach(function (bar) { bar.classList.toggle("on", bar.dataset.pick === s.rule); });
    shown.textContent = visible + " of " + files.length + " files, " + findings + " findings shown";
    requestAnimationFrame(layoutAll);  // once the browser lays the page out anyway
  }

  var timer = 0;
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(changed, 120); });
  function changed() { limit = index.rows; apply(false); }
  more.addEventListener("click", function () { limit += index.rows; apply(false); });
  [ruleSelect, packSelect, clean].forEach(function (el) { el.addEventListener("change", changed); });
  levelBoxes.forEach(function (box) { box.addEventListener("change", changed); });
  bars.forEach(function (bar) {
    bar.addEventListener("click", function () {
      ruleSelect.value = ruleSelect.value === bar.dataset.pick ? "" : bar.dataset.pick;
      apply();
      document.getElementById("files").scrollIntoView();
    });
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    levelBoxes.forEach(function (box) { box.checked = true; });
    ruleSelect.value = ""; packSelect.value = ""; search.value = ""; clean.checked = clean.defaultChecked;
    apply();
  });

  // Hover or focus on a highlight shows a copy of its note beside it.
  var card = document.createElement("div");
  card.id = "nl-card";
  card.hidden = true;
  document.body.appendChild(card);
  function noteFor(mark) {
    var id = mark.id ? mark.id.slice(1) : mark.dataset.of;
    return document.getElementById("n" + id);
  }
  function show(event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (!mark) return;
    var note = noteFor(mark);
    if (!note || getComputedStyle(note).display === "none") return;
    card.innerHTML = "";
    var list = document.createElement("ol");
    list.className = "notes";
    list.appendChild(note.cloneNode(true)).removeAttribute("id");
    card.appendChild(list);
    var box = mark.getBoundingClientRect();
    card.hidden = false;
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8));
    card.style.left = left + "px";
    card.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function hideCard(event) {
    if (event.target.closest && event.target.closest("mark.hl")) card.hidden = true;
  }
  var area = document.getElementById("articles");
  area.addEventListener("mouseover", show);
  area.addEventListener("focusin", show);
  area.addEventListener("mouseout", hideCard);
  area.addEventListener("focusout", hideCard);
  area.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    var target = mark ? noteFor(mark) : null;
    var note = !mark && event.target.closest && event.target.closest(".note");
    if (note && !event.target.closest("a")) target = document.getElementById("h" + note.id.slice(1));
    if (!target) return;
    target.scrollIntoView({ block: "nearest" });
    target.classList.add("flash");
    setTimeout(function () { target.classList.remove("flash"); }, 900);
  });

  apply(true);
  window.newslintReport = { renderAll: renderAll, apply: apply, files: files, rules: rules };
})();
