/* Part of the planner page's script (lib/report/planner/, joined in
 * file order by embed.py into one script): drawing after every edit: tiles, violations, the collaborative cards
 * (as lib/report/report_html.c writes them), the map, the move list. */
  /* ---------------------------------------------------------- rendering */
  var circles = [];
  if (map) map.querySelectorAll('.school').forEach(function (el) {
    circles[Number(el.getAttribute('data-i'))] = el;
  });
  function kpi(value, text, good) {
    return h('div', { class: 'kpi' }, [h('b', { class: good === undefined ? '' : good ? 'ok' : 'bad',
      text: String(value) }), text]);
  }
  function repeats() {
    if (Y === 0) return 0;
    var met = new Set(), n = 0;
    for (var y = 0; y < Y; y++) {
      var Q = years[y].P, tm = {};
      for (var i = 0; i < N; i++) if (Q.collab[i] >= 0 && Q.triad[i] >= 0) (tm[Q.triad[i]] = tm[Q.triad[i]] || []).push(i);
      Object.keys(tm).forEach(function (t) {
        var m = tm[t];
        for (var a = 0; a < m.length; a++) for (var b = a + 1; b < m.length; b++) met.add(m[a] * N + m[b]);
      });
    }
    lastScore.triadMembers.forEach(function (m) {
      for (var a = 0; a < m.length; a++) for (var b = a + 1; b < m.length; b++) if (met.has(m[a] * N + m[b])) n++;
    });
    return n;
  }
  function renderSummary(sc) {
    var el = document.getElementById('summary');
    if (!el) return;
    var su = sc.summary, box = h('div');
    box.appendChild(kpi(su.planned, 'schools planned'));
    box.appendChild(kpi(su.collaboratives, 'collaboratives'));
    box.appendChild(kpi(su.triads, 'triads'));
    box.appendChild(kpi(su.collaboratives_within_one + ' / ' + su.collaboratives,
      'collaboratives with every category within one school of its share',
      su.all_collaboratives_within_one));
    box.appendChild(kpi(fixed(su.max_deviation_collaboratives, 2),
      'worst gap: schools between a category\'s count and its fair share'));
    box.appendChild(kpi(su.violations, 'constraint violations', su.violations === 0));
    if (su.triad_span_median_km !== null) {
      box.appendChild(kpi(fixed(su.triad_span_median_km, 1) + ' km', 'median triad span (farthest two schools)'));
      box.appendChild(kpi(fixed(su.triad_span_max_km, 1) + ' km', 'longest triad span; ' +
        su.triads_over_20_km + ' triads over 20 km'));
    }
    if (years.length > 1) {
      var met = repeats();
      box.appendChild(kpi(met, 'triad pairs that met in an earlier year', met === 0));
    }
    el.replaceChildren(box);
  }
  function renderViolations(sc) {
    var el = document.getElementById('violations');
    if (!el) return;
    var V = sc.violations, kids2 = [h('h2', { text: 'Constraints' }),
      h('p', { class: V.length ? 'bad' : 'ok', text: V.length + ' violation' + (V.length === 1 ? '' : 's') + '.' })];
    if (V.length) {
      var ul = h('ul');
      V.forEach(function (v, k) {
        ul.appendChild(h('li', { id: 'v' + k, text: '[' + v.constraint + '] ' + v.message }));
      });
      kids2.push(ul);
    }
    el.replaceChildren.apply(el, kids2);
  }
  function catOf(name, i) {
    for (var a = 0; a < A.length; a++) if (!A[a].numeric && A[a].name === name) return A[a].cats[A[a].code[i]];
    return '';
  }
  function bars(g) {
    var W = 420, BH = 16, cat = A.filter(function (a) { return !a.numeric; });
    if (!cat.length) return null;
    var svg = s('svg', { class: 'composition', width: W + 170, height: cat.length * (2 * BH + 12) + 4 });
    var y = 2;
    cat.forEach(function (at) {
      var cs = g.attributes[at.name].categories;
      [0, 1].forEach(function (row) {
        var total = 0, x = 160;
        cs.forEach(function (c) { total += row ? c.share : c.count; });
        var t = s('text', { x: 0, y: y + BH - 4, 'font-size': 11 });
        t.textContent = row ? '  stratum share' : at.name + ' (gap ' + fixed(g.attributes[at.name].max_deviation, 2) + ')';
        svg.appendChild(t);
        cs.forEach(function (c, k) {
          var v = row ? c.share : c.count, w = total > 0 ? W * v / total : 0;
          if (w <= 0) return;
          var r = s('rect', { x: fixed(x, 1), y: fixed(y, 1), width: fixed(w, 1), height: BH,
            fill: palette[k % palette.length] });
          var tt = s('title');
          tt.textContent = c.category + ': ' + (row ? 'share ' + fixed(v, 2) : 'count ' + v +
            ' (share ' + fixed(c.share, 2) + ')');
          r.appendChild(tt);
          svg.appendChild(r);
          var label = row ? fixed(v, 1) : String(v);
          if (w >= label.length * 6.5 + 4) {
            var lt = s('text', { x: fixed(x + w / 2, 1), y: fixed(y + BH - 4, 1), 'font-size': 11,
              'text-anchor': 'middle', fill: '#fff', class: 'count' });
            lt.textContent = label;
            svg.appendChild(lt);
          }
          x += w;
        });
        y += BH + 1;
      });
      y += 10;
    });
    return svg;
  }
  function violationsOf(sc, c) {
    var P = cur(), mem = sc.members[c];
    return sc.violations.filter(function (v) {
      return v.group === P.clabel[c] || (v.constraint !== 'cannot_link' && mem.some(function (i) {
        return P.triad[i] >= 0 && v.group === P.tlabel[P.triad[i]];
      }));
    });
  }
  function card(sc, c, mine) {
    var P = cur(), g = sc.byCollab[c], mem = sc.members[c];
    var div = h('div', { class: 'collab', id: 'c' + c });
    div.style.borderColor = colour(c);
    if (!g) {
      div.appendChild(h('h3', { text: P.clabel[c] + ' (empty: it will not be in the exported plan)' }));
      return div;
    }
    div.appendChild(h('h3', {}, [P.clabel[c] + ' ', h('small', {}, ['(' + g.stratum + ', ' + g.size +
      (g.size === 1 ? ' school' : ' schools') + ', largest deviation ' + fixed(g.max_deviation, 2) + ': ',
      h('span', { class: g.within_one ? 'ok' : 'bad',
        text: g.within_one ? 'every category within one' : 'not within one' }), ')'])]));
    if (mine.length) {
      var ul = h('ul', { class: 'bad' });
      mine.forEach(function (v) { ul.appendChild(h('li', { text: '[' + v.constraint + '] ' + v.message })); });
      div.appendChild(ul);
    }
    var svg = bars(g);
    if (svg) div.appendChild(svg);
    A.forEach(function (at) {
      if (!at.numeric) return;
      var n = g.attributes[at.name], dsd = at.sd > 0 ? (n.mean - n.population_mean) / at.sd : 0;
      div.appendChild(h('p', { class: 'numeric' + (Math.abs(dsd) > 0.5 ? ' bad' : ''),
        text: at.name + ': mean ' + fixed(n.mean, 1) + ' against the stratum mean ' +
          fixed(n.population_mean, 1) + ' (' + (dsd >= 0 ? '+' : '') + fixed(dsd, 2) +
          ' standard deviations)' }));
    });
    var head = ['URN', 'school', 'phase', 'Ofsted', 'deprivation', 'head experience'];
    A.forEach(function (at) { if (at.numeric) head.push(at.name); });
    head.push('triad', 'lead', 'locked');
    // rows in a tbody, as the HTML parser puts the C library's rows
    var body = h('tbody', {}, [h('tr', {}, head.map(function (t) { return h('th', { text: t }); }))]);
    var table = h('table', { class: 'schools' }, [body]);
    mem.forEach(function (i) {
      var cells = [S.urn[i], S.name[i], S.phase[i], S.ofsted[i], catOf('deprivation', i),
        catOf('head_experience', i)];
      A.forEach(function (at) { if (at.numeric) cells.push(fixed(at.value[i], 0)); });
      cells.push(P.triad[i] >= 0 ? P.tlabel[P.triad[i]] : '', P.lead[i] ? 'lead' : '',
        P.locked[i] ? 'locked' : '');
      var tr = h('tr', { 'data-i': i, class: 'pickable' + (P.locked[i] ? ' locked' : '') + (i === sel ? ' sel' : '') },
        cells.map(function (t) { return h('td', { text: t }); }));
      body.appendChild(tr);
    });
    div.appendChild(table);
    return div;
  }
  // Labels in the order of the library's strcmp on UTF-8, which is code point
  // order; '<' compares UTF-16 units and puts U+10000 and above before
  // U+E000-U+FFFF.
  function byCodePoint(a, b) {
    var i = 0;
    while (i < a.length && i < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
    }
    return a.length - b.length;
  }
  var cardKey = [];
  function renderCollabs(sc) {
    var host = document.getElementById('collab-cards');
    if (!host) return;
    var P = cur(), order = P.clabel.map(function (l, c) { return c; });
    order.sort(function (x, y) { return byCodePoint(P.clabel[x], P.clabel[y]); });
    var fresh = host.getAttribute('data-year') !== String(Y);
    // The library wrote year 1's cards as card() draws them (the browser
    // test holds the two to the same markup): keep them at load.
    var written = fresh && !host.hasAttribute('data-year') && Y === 0 &&
      order.every(function (c) { return document.getElementById('c' + c); });
    host.setAttribute('data-year', String(Y));
    if (fresh && !written) { host.replaceChildren(); cardKey = []; }
    order.forEach(function (c, k) {
      var mem = sc.members[c], mine = violationsOf(sc, c);
      var key = JSON.stringify([mem, mem.map(function (i) { return [P.triad[i], P.lead[i], P.locked[i]]; }),
        mine.map(function (v) { return v.message; })]);
      if (written) { cardKey[c] = key; return; }
      if (!fresh && cardKey[c] === key) return;
      cardKey[c] = key;
      var el = card(sc, c, mine), old = document.getElementById('c' + c);
      if (old && old.parentNode === host) host.replaceChild(el, old);
      else host.appendChild(el);
    });
  }
  function renderMap(sc) {
    if (!map) return;
    var P = cur();
    map.querySelectorAll('.triad, .lead').forEach(function (e) { e.remove(); });
    var first = map.querySelector('.school');
    /* as lib/report/report_map.c: a triad's colour is its place among its
       collaborative's triads */
    var seen = P.clabel.map(function () { return 0; });
    var rank = P.tcollab.map(function (c) { return c >= 0 ? seen[c]++ : 0; });
    sc.triadMembers.forEach(function (mem, t) {
      var pts = mem.filter(function (i) { return circles[i]; }).map(function (i) {
        return circles[i].getAttribute('cx') + ',' + circles[i].getAttribute('cy');
      });
      if (!pts.length) return;
      var tc = palette[rank[t] % palette.length];
      map.insertBefore(s('polygon', { class: 'triad', 'data-c': P.tcollab[t], fill: tc, stroke: tc,
        points: pts.join(' ') }), first);
    });
    for (var i = 0; i < N; i++) {
      var el = circles[i];
      if (!el) continue;
      var c = P.collab[i];
      var sf = S.stratum[i] >= 0 ? palette[S.stratum[i] % palette.length] : '#999999';
      el.setAttribute('data-c', c);
      el.setAttribute('data-sf', sf);
      el.setAttribute('data-tf', P.triad[i] >= 0 ? palette[rank[P.triad[i]] % palette.length] : sf);
      el.setAttribute('fill', sf);
      var title = el.querySelector('title');
      if (title) title.textContent = schoolText(i) + ' - ' + placeText(P, i) +
        (P.lead[i] ? ', lead school' : '') + (P.locked[i] ? ', locked' : '');
      if (P.lead[i] && c >= 0) map.appendChild(s('circle', { class: 'lead', 'data-c': c,
        cx: el.getAttribute('cx'), cy: el.getAttribute('cy'), r: 8.5 }));
    }
    reshow();
  }
  function renderMoveTo() {
    var P = cur(), order = P.clabel.map(function (l, c) { return c; }), counts = {};
    order.sort(function (x, y) { return byCodePoint(P.clabel[x], P.clabel[y]); });
    lastScore.triadMembers.forEach(function (m, t) { counts[t] = m.length; });
    var keep = moveTo.value;
    moveTo.replaceChildren(h('option', { value: '', text: 'choose a triad…' }));
    order.forEach(function (c) {
      var og = h('optgroup', { label: P.clabel[c] + ' (' + lastScore.members[c].length + ' schools)' });
      P.tlabel.forEach(function (l, t) {
        if (P.tcollab[t] === c) og.appendChild(h('option', { value: 't:' + t,
          text: 'triad ' + l + ' (' + counts[t] + ')' }));
      });
      og.appendChild(h('option', { value: 'n:' + c, text: 'a new triad of ' + P.clabel[c] }));
      moveTo.appendChild(og);
    });
    moveTo.value = keep;
  }
  function render() {
    var t0 = performance.now();
    lastScore = score(cur());
    renderSummary(lastScore);
    renderViolations(lastScore);
    renderCollabs(lastScore);
    renderMap(lastScore);
    /* the map follows the selected school into its new collaborative */
    if (map && sel >= 0 && shown !== null && shown !== String(cur().collab[sel]))
      show(String(cur().collab[sel]));
    renderMoveTo();
    renderSelection();
    yearSel.value = String(Y);
    document.getElementById('undo').disabled = !years[Y].undo.length;
    document.getElementById('redo').disabled = !years[Y].redo.length;
    document.body.dataset.renderMs = (performance.now() - t0).toFixed(2);
    document.body.dataset.edits = years[Y].edits;
  }
