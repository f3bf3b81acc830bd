/* The planner page's only script. It shows one collaborative at a time on
 * the map, and lets the officer edit the plan: move a school to another
 * triad, swap two schools, make a lead, lock a school, undo and redo, and
 * download the edited plan as the plan CSV that `triad solve --fixed` reads.
 * After every edit it scores the plan exactly as lib/check/check.c does
 * (the same sums in the same order on the same doubles, the same messages),
 * so its figures are the figures `triad check` prints for the exported file.
 * Data comes only from the JSON block; every text reaches the page through
 * textContent, never as markup. It is written in parts (this folder, joined
 * in file order by embed.py): this one opens the function scope of them
 * all and holds the map's show-one-collaborative, DOM helpers and colours. */
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var map = document.getElementById('map'), pick = document.getElementById('pick');
  var dataEl = document.getElementById('planner-data');
  var D = dataEl ? JSON.parse(dataEl.textContent) : null;
  var shown = null;

  /* ------------------------------------------------ map: one collaborative */
  function show(c) {
    shown = (c === null || c === '' || c === shown) ? null : String(c);
    if (pick) pick.value = shown === null ? '' : shown;
    document.querySelectorAll('#map [data-c]').forEach(function (el) {
      var mine = el.getAttribute('data-c') === shown;
      el.classList.toggle('dim', shown !== null && !mine);
      if (el.classList.contains('triad')) el.classList.toggle('on', mine);
      /* one thing coloured at a time: strata on the whole LA, the triads of
         the collaborative picked */
      if (el.classList.contains('school'))
        el.setAttribute('fill', el.getAttribute(mine ? 'data-tf' : 'data-sf'));
    });
    document.querySelectorAll('.pick').forEach(function (el) {
      el.classList.toggle('sel', el.getAttribute('data-c') === shown);
    });
    document.body.dataset.shown = shown === null ? '' : shown;
  }
  function reshow() { var s = shown; shown = null; show(s); }

  /* ------------------------------------------------------------ helpers */
  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (k) {
      e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
    });
    return e;
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  /* C's %.Nf: like toFixed, but an exact tie goes to the even digit */
  function fixed(x, f) {
    var out = x.toFixed(f), ax = Math.abs(x), full = ax.toFixed(Math.min(100, f + 40));
    var tail = full.slice(full.indexOf('.') + 1 + f);
    if (/^50*$/.test(tail)) {
      var cut = ax.toFixed(f + 1).slice(0, -1);
      if (cut.charAt(cut.length - 1) === '.') cut = cut.slice(0, -1);
      if (Number(cut.charAt(cut.length - 1)) % 2 === 0) out = (x < 0 ? '-' : '') + cut;
    }
    return out;
  }
  function colour(c) {
    return 'hsl(' + fixed((c * 137.508) % 360, 0) + ',65%,' + (c % 2 ? 38 : 50) + '%)';
  }
  /* as lib/report/report_html.c: twelve, dark enough for white figures */
  var palette = ['#1b9e77', '#66a61e', '#e6ab02', '#d95f02', '#7570b3', '#a6761d', '#e7298a',
    '#666666', '#1f78b4', '#e31a1c', '#0e8c8c', '#8c2d04'];

  if (!D) {
    wireMap(null);
    document.body.dataset.ready = document.querySelectorAll('#map .school').length;
    return;
  }
