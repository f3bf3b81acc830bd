/* The planner page's only script. It shows one collaborative at a time on
 * the map, and lets the officer edit the plan: move a school to another
 * triad, swap two schools, make a lead, lock a school, undo and redo, and
 * download the edited plan as the plan CSV that `triad solve --fixed` reads.
 * After every edit it scores the plan exactly as lib/check/check.c does
 * (the same sums in the same order on the same doubles, the same messages),
 * so its figures are the figures `triad check` prints for the exported file.
 * Data comes only from the JSON block; every text reaches the page through
 * textContent, never as markup. */
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

  /* ----------------------------------------------------------- the model */
  var S = D.schools, N = S.urn.length, A = D.attrs, ST = D.strata, RU = D.rules;
  var NB = ST.length + 1;
  function bucket(i) { return S.stratum[i] >= 0 ? S.stratum[i] : NB - 1; }
  var off = [], ncells = 0;
  A.forEach(function (a) { off.push(ncells); ncells += a.cats.length; });
  var popN = [], popCount = [], popSum = [];
  for (var b = 0; b < NB; b++) {
    popN.push(0);
    popCount.push(new Float64Array(ncells));
    popSum.push(new Float64Array(A.length));
  }
  for (var i = 0; i < N; i++) {
    var bi = bucket(i);
    popN[bi]++;
    for (var a = 0; a < A.length; a++) {
      if (A[a].numeric) popSum[bi][a] += A[a].value[i];
      else popCount[bi][off[a] + A[a].code[i]] += 1;
    }
  }
  function km(i, j) {
    if (S.x[i] === null || S.x[j] === null) return -1;
    var dx = S.x[i] - S.x[j], dy = S.y[i] - S.y[j];
    return Math.sqrt(dx * dx + dy * dy) / 1000;
  }

  /* ------------------------------------ scoring: lib/check/check.c, line by line */
  function scoreGroup(mem) {
    var m = mem.length, seen = new Uint8Array(NB), nseen = 0, last = 0, refN = 0, k, b, c;
    for (k = 0; k < m; k++) seen[bucket(mem[k])] = 1;
    for (b = 0; b < NB; b++) if (seen[b]) { nseen++; last = b; refN += popN[b]; }
    var g = {
      stratum: nseen !== 1 ? 'mixed' : last < ST.length ? ST[last].name : 'none',
      size: m, max_deviation: 0, attributes: {}
    };
    for (var a = 0; a < A.length; a++) {
      var at = A[a];
      if (at.numeric) {
        var sum = 0, ref = 0;
        for (k = 0; k < m; k++) sum += at.value[mem[k]];
        for (b = 0; b < NB; b++) if (seen[b]) ref += popSum[b][a];
        var mean = m ? sum / m : 0, refMean = refN ? ref / refN : 0;
        g.attributes[at.name] = {
          mean: mean, population_mean: refMean,
          deviation_sd: at.sd > 0 ? Math.abs(mean - refMean) / at.sd : 0
        };
        continue;
      }
      var count = new Array(at.cats.length).fill(0), dev = 0, cats = [];
      for (k = 0; k < m; k++) count[at.code[mem[k]]]++;
      for (c = 0; c < at.cats.length; c++) {
        var nc = 0;
        for (b = 0; b < NB; b++) if (seen[b]) nc += popCount[b][off[a] + c];
        var share = refN ? m * nc / refN : 0, d = Math.abs(count[c] - share);
        if (d > dev) dev = d;
        cats.push({ category: at.cats[c], count: count[c], share: share,
          deviation: count[c] - share });
      }
      g.attributes[at.name] = { categories: cats, max_deviation: dev, within_one: dev <= 1 + 1e-9 };
      var localArea = at.area && nseen === 1 && last < ST.length && ST[last].local;
      if (dev > g.max_deviation && !localArea) g.max_deviation = dev;
    }
    g.within_one = g.max_deviation <= 1 + 1e-9;
    var total = 0, pairs = 0, maxKm = 0;
    for (var x = 0; x < m; x++)
      for (var y = x + 1; y < m; y++) {
        var d2 = km(mem[x], mem[y]);
        if (d2 < 0) continue;
        total += d2;
        pairs++;
        if (d2 > maxKm) maxKm = d2;
      }
    g.mean_km = pairs ? total / pairs : null;
    g.max_km = pairs ? maxKm : null;
    return g;
  }

  function sizesDescribe(ps) {
    if (!ps.sizes.length) return ps.min + ' to ' + ps.max;
    return ps.sizes.map(function (v, k) {
      return (k === 0 ? '' : k === ps.sizes.length - 1 ? ' or ' : ', ') + v;
    }).join('');
  }
  function sizesAllowed(ps, m) {
    return ps.sizes.length ? ps.sizes.indexOf(m) >= 0 : m >= ps.min && m <= ps.max;
  }

  function score(P) {
    var V = [], cm = P.clabel.map(function () { return []; });
    var tm = P.tlabel.map(function () { return []; });
    var i, k, j;
    for (i = 0; i < N; i++) {
      if (P.collab[i] >= 0) cm[P.collab[i]].push(i);
      if (P.collab[i] >= 0 && P.triad[i] >= 0) tm[P.triad[i]].push(i);
    }
    function viol(kind, group, msg) { V.push({ constraint: kind, group: group, message: msg }); }
    var sum = { schools: N, planned: 0, unplanned: 0, collaboratives: 0, triads: 0,
      collaboratives_within_one: 0, triads_within_one: 0, max_deviation_collaboratives: 0,
      max_deviation_triads: 0 };
    var out = { summary: sum, collaboratives: [], triads: [], violations: V, byCollab: [] };
    /* score_all */
    var gcs = cm.map(function (mem, c) {
      if (!mem.length) return null;
      var g = scoreGroup(mem);
      g.label = P.clabel[c];
      sum.collaboratives++;
      if (g.within_one) sum.collaboratives_within_one++;
      if (g.max_deviation > sum.max_deviation_collaboratives)
        sum.max_deviation_collaboratives = g.max_deviation;
      return g;
    });
    var gts = tm.map(function (mem, t) {
      if (!mem.length) return null;
      var g = scoreGroup(mem);
      g.label = P.tlabel[t];
      g.collaborative = P.clabel[P.tcollab[t]];
      sum.triads++;
      if (g.within_one) sum.triads_within_one++;
      if (g.max_deviation > sum.max_deviation_triads) sum.max_deviation_triads = g.max_deviation;
      return g;
    });
    /* check_links_and_coverage */
    for (i = 0; i < N; i++) {
      if (P.collab[i] >= 0) {
        sum.planned++;
        if (S.stratum[i] < 0 && S.opted[i])
          viol('opted_out', P.clabel[P.collab[i]], 'school ' + S.urn[i] +
            ' has opted out but is in collaborative ' + P.clabel[P.collab[i]]);
      } else if (S.stratum[i] >= 0) {
        sum.unplanned++;
        viol('unplanned', '', 'school ' + S.urn[i] + ' (' + S.name[i] + ') is not in the plan');
      }
    }
    D.must.forEach(function (l) {
      for (var j2 = 1; j2 < l.s.length; j2++)
        if (P.collab[l.s[j2]] !== P.collab[l.s[0]] || P.collab[l.s[0]] < 0)
          viol('must_link', '', 'must_link (spec line ' + l.line + '): ' + S.urn[l.s[0]] +
            ' and ' + S.urn[l.s[j2]] + ' are not in one collaborative');
    });
    D.cannot.forEach(function (l) {
      for (var a2 = 0; a2 < l.s.length; a2++)
        for (var b2 = a2 + 1; b2 < l.s.length; b2++) {
          var ca = P.collab[l.s[a2]];
          if (ca >= 0 && ca === P.collab[l.s[b2]])
            viol('cannot_link', P.clabel[ca], 'cannot_link (spec line ' + l.line + '): ' +
              S.urn[l.s[a2]] + ' and ' + S.urn[l.s[b2]] + ' share collaborative ' + P.clabel[ca]);
        }
    });
    function trust(mem, cap, label, what) {
      if (cap <= 0) return;
      for (var x = 0; x < mem.length; x++) {
        var t = S.tid[mem[x]], cnt = 0, before = false;
        if (t < 0) continue;
        for (var y = 0; y < mem.length; y++)
          if (S.tid[mem[y]] === t) { cnt++; if (y < x) before = true; }
        if (!before && cnt > cap)
          viol('trust', label, what + ' ' + label + ' has ' + cnt + ' schools of trust ' +
            S.trust[mem[x]] + ' (cap ' + cap + ')');
      }
    }
    function travel(mem, limit, label, what) {
      if (!(limit > 0)) return;
      for (var x = 0; x < mem.length; x++)
        for (var y = x + 1; y < mem.length; y++) {
          var d = km(mem[x], mem[y]);
          if (d > limit)
            viol('travel', label, what + ' ' + label + ': ' + S.urn[mem[x]] + ' and ' +
              S.urn[mem[y]] + ' are ' + fixed(d, 1) + ' km apart (limit ' + fixed(limit, 1) + ')');
        }
    }
    /* check_collaboratives */
    cm.forEach(function (mem, c) {
      if (!mem.length) return;
      var label = P.clabel[c], st = S.stratum[mem[0]], mixed = false, leads = 0, eligible = 0;
      var lead = -1;
      mem.forEach(function (x) {
        if (S.stratum[x] !== st) mixed = true;
        eligible += S.lead_ok[x];
        if (P.lead[x]) { leads++; lead = x; }
      });
      gcs[c].lead = lead >= 0 ? S.urn[lead] : null;
      if (mixed) viol('stratum', label, 'collaborative ' + label +
        ' mixes schools of different strata');
      if (!mixed && st >= 0) {
        var ps = ST[st], m = mem.length;
        var whole = ps.sector_wide && m === ps.n;
        if (!whole && !sizesAllowed(ps, m))
          viol('size', label, 'collaborative ' + label + ' has ' + m + (m === 1 ? ' school' : ' schools') + '; stratum ' +
            ps.name + ' allows ' + sizesDescribe(ps));
        if (ps.sector_wide && m !== ps.n)
          viol('size', label, 'collaborative ' + label + ' has ' + m + ' of the ' + ps.n +
            ' schools of stratum ' + ps.name + ', which is sector-wide (one collaborative)');
      }
      if (RU.lead_required) {
        if (eligible === 0)
          viol('lead', label, 'collaborative ' + label + ' has no lead-eligible school');
        if (leads === 0) viol('lead', label, 'collaborative ' + label + ' has no designated lead');
        if (leads > 1) viol('lead', label, 'collaborative ' + label + ' has ' + leads + ' leads');
        if (leads === 1 && !S.lead_ok[lead])
          viol('lead', label, 'lead ' + S.urn[lead] + ' of collaborative ' + label +
            ' is not lead-eligible');
      }
      trust(mem, RU.trust_cap_collab, label, 'collaborative');
      travel(mem, RU.collab_max_km, label, 'collaborative');
    });
    /* check_triads */
    tm.forEach(function (mem, t) {
      if (!mem.length) return;
      var label = P.tlabel[t], concern = 0, m = mem.length, of = P.clabel[P.tcollab[t]];
      mem.forEach(function (x) { concern += S.concern[x]; });
      var st = S.stratum[mem[0]], tsize = st >= 0 ? ST[st].triad_size : 3;
      if (tsize > 0 && (m < 2 || m > tsize + 1))
        viol('triad_size', label, 'triad ' + label + ' of ' + of + ' has ' + m +
          ' schools (allowed 2-' + (tsize + 1) + ')');
      if (RU.no_concern_triads && m >= 2 && concern === m)
        viol('concern', label, 'triad ' + label + ' of ' + of +
          ' is made only of schools causing concern');
      trust(mem, RU.trust_cap_triad, label, 'triad');
      travel(mem, RU.triad_max_km, label, 'triad');
    });
    out.collaboratives = gcs.filter(Boolean);
    out.triads = gts.filter(Boolean);
    out.byCollab = gcs;
    out.members = cm;
    out.triadMembers = tm;
    sum.violations = V.length;
    sum.all_collaboratives_within_one = sum.collaboratives_within_one === sum.collaboratives;
    /* how far heads travel to their triad, as lib/report/report_format.c */
    var spans = out.triads.map(function (g) { return g.max_km; })
      .filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    var ns = spans.length;
    sum.triad_span_median_km = ns ? (ns % 2 ? spans[(ns - 1) / 2] : (spans[ns / 2 - 1] + spans[ns / 2]) / 2) : null;
    sum.triad_span_max_km = ns ? spans[ns - 1] : null;
    sum.triads_over_20_km = ns ? spans.filter(function (v) { return v > 20; }).length : null;
    return out;
  }

  /* ------------------------------------------------------ state per year */
  var years = D.years.map(function (y) {
    return {
      P: { collab: y.collab.slice(), triad: y.triad.slice(), lead: y.lead.slice(),
        locked: y.locked.slice(), clabel: y.collab_label, ccsv: y.collab_csv,
        tlabel: y.triad_label.slice(), tcsv: y.triad_csv.slice(), tcollab: y.triad_collab.slice() },
      undo: [], redo: [], edits: 0
    };
  });
  var Y = 0, sel = -1, swapMode = false, lastScore = null;
  function cur() { return years[Y].P; }
  function snapshot(P) {
    return { collab: P.collab.slice(), triad: P.triad.slice(), lead: P.lead.slice(),
      locked: P.locked.slice(), tlabel: P.tlabel.slice(), tcsv: P.tcsv.slice(),
      tcollab: P.tcollab.slice() };
  }
  function restore(P, q) {
    ['collab', 'triad', 'lead', 'locked', 'tlabel', 'tcsv', 'tcollab'].forEach(function (k) {
      P[k] = q[k].slice();
    });
  }
  /* What an edit did to the rules and the balance, said where the officer
   * is looking: the first rule it broke (a link to it in the list), how
   * many, and the balance tile before and after. */
  function consequence(prev, now) {
    if (!prev) return '';
    var seen = new Set(prev.violations.map(function (v) { return v.constraint + ' ' + v.message; }));
    var fresh = [];
    now.violations.forEach(function (v, k) {
      if (!seen.has(v.constraint + ' ' + v.message)) fresh.push(k);
    });
    var a = prev.summary, b = now.summary, parts = [];
    if (fresh.length) {
      var v = now.violations[fresh[0]];
      parts.push('breaks a rule: [' + v.constraint + '] ' + v.message +
        (fresh.length > 1 ? ' (and ' + (fresh.length - 1) + ' more)' : ''));
    } else {
      parts.push(b.violations < a.violations ? 'mends ' + (a.violations - b.violations) +
        ' rule break' + (a.violations - b.violations === 1 ? '' : 's') : 'no rule broken');
    }
    if (a.collaboratives_within_one !== b.collaboratives_within_one)
      parts.push('balanced collaboratives ' + a.collaboratives_within_one + ' \u2192 ' +
        b.collaboratives_within_one + ' of ' + b.collaboratives);
    return { text: ' - ' + parts.join('; '), first: fresh.length ? fresh[0] : -1 };
  }
  function edit(what, fn) {
    var yr = years[Y], before = snapshot(yr.P), prev = lastScore;
    if (fn(yr.P) === false) return false;
    yr.undo.push(before);
    yr.redo = [];
    yr.edits++;
    render();
    var c = consequence(prev, lastScore);
    status(what + (c ? c.text : ''));
    if (c && c.first >= 0) {
      statusEl.appendChild(document.createTextNode(' '));
      statusEl.appendChild(h('a', { href: '#v' + c.first, id: 'status-violation', text: 'see it' }));
    }
    return true;
  }
  function undo() {
    var yr = years[Y];
    if (!yr.undo.length) return false;
    yr.redo.push(snapshot(yr.P));
    restore(yr.P, yr.undo.pop());
    yr.edits--;
    status('undone');
    render();
    return true;
  }
  function redo() {
    var yr = years[Y];
    if (!yr.redo.length) return false;
    yr.undo.push(snapshot(yr.P));
    restore(yr.P, yr.redo.pop());
    yr.edits++;
    status('redone');
    render();
    return true;
  }
  function schoolText(i) { return S.name[i] + ' (URN ' + S.urn[i] + ')'; }
  function placeText(P, i) {
    if (P.collab[i] < 0) return 'not in the plan';
    return P.clabel[P.collab[i]] + (P.triad[i] >= 0 ? ', triad ' + P.tlabel[P.triad[i]] : '');
  }
  /* a label for a new triad that needs no CSV quoting or formula guard */
  function newTriadLabel(P, c) {
    var base = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(P.clabel[c]) ? P.clabel[c] + '.' : 'new';
    for (var n = 1; ; n++) {
      var cand = base + n, taken = false;
      for (var t = 0; t < P.tlabel.length; t++)
        if (P.tcollab[t] === c && P.tlabel[t] === cand) taken = true;
      if (!taken) return cand;
    }
  }
  var api = {
    /* school i into triad t (same or another collaborative) */
    move: function (i, t) {
      var P = cur();
      if (!(i >= 0 && i < N) || !(t >= 0 && t < P.tlabel.length) || P.collab[i] < 0) return false;
      return edit('moved ' + schoolText(i) + ' from ' + placeText(P, i) + ' to ' +
        P.clabel[P.tcollab[t]] + ', triad ' + P.tlabel[t], function (Q) {
        Q.collab[i] = Q.tcollab[t];
        Q.triad[i] = t;
        Q.locked[i] = 1; /* an edit holds in solve --fixed */
      });
    },
    /* school i into a new triad of collaborative c */
    moveNew: function (i, c) {
      var P = cur();
      if (!(i >= 0 && i < N) || !(c >= 0 && c < P.clabel.length) || P.collab[i] < 0) return false;
      var label = newTriadLabel(P, c);
      return edit('moved ' + schoolText(i) + ' from ' + placeText(P, i) + ' to ' + P.clabel[c] +
        ', new triad ' + label, function (Q) {
        Q.tlabel.push(label);
        Q.tcsv.push(label);
        Q.tcollab.push(c);
        Q.collab[i] = c;
        Q.triad[i] = Q.tlabel.length - 1;
        Q.locked[i] = 1;
      });
    },
    swap: function (i, j) {
      var P = cur();
      if (!(i >= 0 && i < N && j >= 0 && j < N) || i === j || P.collab[i] < 0 || P.collab[j] < 0)
        return false;
      return edit('swapped ' + schoolText(i) + ' (' + placeText(P, i) + ') with ' +
        schoolText(j) + ' (' + placeText(P, j) + ')', function (Q) {
        var c = Q.collab[i], t = Q.triad[i];
        Q.collab[i] = Q.collab[j];
        Q.triad[i] = Q.triad[j];
        Q.collab[j] = c;
        Q.triad[j] = t;
        Q.locked[i] = 1;
        Q.locked[j] = 1;
      });
    },
    /* the only lead of its collaborative */
    lead: function (i) {
      var P = cur();
      if (!(i >= 0 && i < N) || P.collab[i] < 0) return false;
      return edit('made ' + schoolText(i) + ' the lead of ' + P.clabel[P.collab[i]],
        function (Q) {
          for (var k = 0; k < N; k++) if (Q.collab[k] === Q.collab[i]) Q.lead[k] = 0;
          Q.lead[i] = 1;
          Q.locked[i] = 1;
        });
    },
    lock: function (i) {
      var P = cur();
      if (!(i >= 0 && i < N) || P.collab[i] < 0) return false;
      return edit((P.locked[i] ? 'unlocked ' : 'locked ') + schoolText(i), function (Q) {
        Q.locked[i] = Q.locked[i] ? 0 : 1;
      });
    },
    undo: undo,
    redo: redo,
    score: function () { return score(cur()); },
    csv: function () { return planCsv(cur()); },
    year: function (y) { if (y >= 0 && y < years.length) { Y = y; sel = -1; render(); } return Y; },
    // every card drawn again by the script (for the test that compares them
    // with the library's)
    redraw: function () {
      var host = document.getElementById('collab-cards');
      if (host) host.setAttribute('data-year', '');
      render();
    },
    select: function (i) { choose(i); return sel; },
    state: function () { return { year: Y, selected: sel, edits: years[Y].edits,
      undo: years[Y].undo.length, redo: years[Y].redo.length }; }
  };

  /* the plan CSV, as lib/io/plan_io.c writes it, always with `locked` */
  function planCsv(P) {
    var rows = ['URN,collaborative,triad,lead,locked'];
    for (var i = 0; i < N; i++) {
      if (P.collab[i] < 0) continue;
      rows.push(S.csv[i] + ',' + P.ccsv[P.collab[i]] + ',' +
        (P.triad[i] >= 0 ? P.tcsv[P.triad[i]] : '') + ',' + (P.lead[i] ? 1 : 0) + ',' +
        (P.locked[i] ? 1 : 0));
    }
    return rows.join('\r\n') + '\r\n';
  }

  /* --------------------------------------------------------------- toolbar */
  var bar = h('div', { id: 'planner', class: 'planner' });
  var yearSel = h('select', { id: 'year' });
  years.forEach(function (y, k) { yearSel.appendChild(h('option', { value: k, text: 'year ' + (k + 1) })); });
  var selInfo = h('span', { id: 'sel-info' });
  var moveTo = h('select', { id: 'move-to' });
  function button(id, text, fn) {
    var e = h('button', { id: id, type: 'button', text: text });
    e.addEventListener('click', fn);
    return e;
  }
  var statusEl = h('span', { id: 'status', class: 'status' });
  var kids = [h('b', { text: 'Edit the plan: ' })];
  if (years.length > 1) kids.push(h('label', {}, ['Plan of ', yearSel]), ' ');
  kids.push(selInfo, h('br'), h('label', {}, ['Move to ', moveTo]), ' ',
    button('do-move', 'Move', function () {
      var v = moveTo.value;
      if (sel < 0 || !v) return;
      if (v.charAt(0) === 't') api.move(sel, Number(v.slice(2)));
      else api.moveNew(sel, Number(v.slice(2)));
    }), ' ',
    button('do-swap', 'Swap with…', function () {
      if (sel < 0) return;
      swapMode = !swapMode;
      status(swapMode ? 'pick the school to swap with ' + schoolText(sel) + ' (Esc cancels)'
        : 'swap cancelled');
      document.body.classList.toggle('swapping', swapMode);
    }), ' ',
    button('do-lead', 'Make lead', function () { if (sel >= 0) api.lead(sel); }), ' ',
    button('do-lock', 'Lock / unlock', function () { if (sel >= 0) api.lock(sel); }), ' ',
    button('undo', 'Undo', undo), ' ', button('redo', 'Redo', redo), ' ',
    button('export', 'Download plan CSV', function () {
      var blob = new Blob([planCsv(cur())], { type: 'text/csv' });
      var a = h('a', { href: URL.createObjectURL(blob),
        download: years.length > 1 ? 'plan-year-' + (Y + 1) + '-edited.csv' : 'plan-edited.csv' });
      document.body.appendChild(a);
      a.click();
      a.remove();
      var P = cur(), nl = 0;
      for (var i = 0; i < N; i++) if (P.collab[i] >= 0 && P.locked[i]) nl++;
      /* the exact command: locked rows (every edit locks what it changed)
       * hold, the rest is re-balanced around them */
      status('downloaded ' + a.getAttribute('download') + ' with ' + nl + ' locked row' +
        (nl === 1 ? '' : 's') + '; to re-balance around them run: triad solve --schools ' +
        (D.source || 'schools.csv') + ' --fixed ' + a.getAttribute('download') +
        ' -o plan.csv');
    }), h('br'), statusEl);
  kids.forEach(function (k) { bar.appendChild(typeof k === 'string' ? document.createTextNode(k) : k); });
  var anchor = document.getElementById('summary');
  if (anchor) anchor.parentNode.insertBefore(bar, anchor.nextSibling);
  yearSel.addEventListener('change', function () { api.year(Number(yearSel.value)); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && swapMode) { swapMode = false; status('swap cancelled'); }
    if ((e.ctrlKey || e.metaKey) && e.key === 'z') { e.preventDefault(); undo(); }
    if ((e.ctrlKey || e.metaKey) && e.key === 'y') { e.preventDefault(); redo(); }
    document.body.classList.toggle('swapping', swapMode);
  });
  function status(t) {
    statusEl.textContent = t + ' · ' + years[Y].edits + ' edit' +
      (years[Y].edits === 1 ? '' : 's') + ' from the solved plan';
  }
  function choose(i) {
    if (!(i >= 0 && i < N) || cur().collab[i] < 0) return;
    if (swapMode && sel >= 0 && i !== sel) {
      swapMode = false;
      document.body.classList.remove('swapping');
      api.swap(sel, i);
      return;
    }
    sel = i;
    if (map) show(String(cur().collab[i]));
    renderSelection();
  }
  function renderSelection() {
    var P = cur();
    selInfo.textContent = sel < 0 ? 'Click a school (in a table or on the map) to select it.'
      : 'Selected: ' + schoolText(sel) + ' - ' + placeText(P, sel) +
        (P.lead[sel] ? ', lead' : '') + (P.locked[sel] ? ', locked' : '');
    document.querySelectorAll('tr.sel').forEach(function (r) { r.classList.remove('sel'); });
    document.querySelectorAll('tr[data-i="' + sel + '"]').forEach(function (r) { r.classList.add('sel'); });
    document.querySelectorAll('#map .school.sel').forEach(function (r) { r.classList.remove('sel'); });
    if (circles[sel]) circles[sel].classList.add('sel');
  }

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

  /* ------------------------------------------------------------- wiring */
  /* The school whose dot is nearest the pointer, within a few dot radii,
   * so a dot half covered by a neighbour is still its own to click; dots
   * on one spot (schools sharing a site) take turns. -1 when none. */
  function nearestSchool(e) {
    var m = map.getScreenCTM && map.getScreenCTM();
    if (!m || !map.createSVGPoint) return -1;
    var pt = map.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    var p = pt.matrixTransform(m.inverse()), near = [];
    for (var i = 0; i < N; i++) {
      var el = circles[i];
      if (!el) continue;
      var dx = Number(el.getAttribute('cx')) - p.x, dy = Number(el.getAttribute('cy')) - p.y;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d <= 12) near.push({ i: i, d: d });
    }
    if (!near.length) return -1;
    near.sort(function (a, b) { return a.d - b.d || a.i - b.i; });
    /* dots within a third of a dot of the nearest are one spot to a click:
     * each click on it selects the next of them */
    var spot = near.filter(function (x) { return x.d <= near[0].d + 1.5; })
      .map(function (x) { return x.i; });
    var at = spot.indexOf(sel);
    return at >= 0 ? spot[(at + 1) % spot.length] : spot[0];
  }
  /* Zoom and pan by the viewBox: the wheel zooms about the pointer, a drag
   * pans, and with the map focused + and - zoom, the arrows pan and 0
   * shows the whole map again. */
  function wireZoom() {
    if (!map || !map.viewBox || !map.viewBox.baseVal) return;
    var full = map.getAttribute('viewBox').split(/\s+/).map(Number), vb = full.slice();
    function apply() {
      map.setAttribute('viewBox', vb.map(function (v) { return v.toFixed(1); }).join(' '));
      document.body.dataset.zoom = (full[2] / vb[2]).toFixed(2);
    }
    function zoom(f, cx, cy) {
      var w = Math.min(full[2], Math.max(full[2] / 16, vb[2] * f));
      var h2 = w * full[3] / full[2];
      vb[0] = cx - (cx - vb[0]) * w / vb[2];
      vb[1] = cy - (cy - vb[1]) * h2 / vb[3];
      vb[2] = w;
      vb[3] = h2;
      apply();
    }
    function userPoint(e) {
      var m = map.getScreenCTM(), pt = map.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      return pt.matrixTransform(m.inverse());
    }
    map.setAttribute('tabindex', '0');
    map.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = userPoint(e);
      zoom(e.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    var drag = null;
    map.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY, moved: false }; });
    window.addEventListener('mouseup', function () { setTimeout(function () { drag = null; }, 0); });
    map.addEventListener('mousemove', function (e) {
      if (!drag || !(e.buttons & 1)) return;
      var k = vb[2] / map.getBoundingClientRect().width;
      var dx = (e.clientX - drag.x) * k, dy = (e.clientY - drag.y) * k;
      if (Math.abs(dx) + Math.abs(dy) < 0.5) return;
      drag.moved = true;
      vb[0] -= dx;
      vb[1] -= dy;
      drag.x = e.clientX;
      drag.y = e.clientY;
      apply();
    });
    /* a drag is not a click on what lies under its end */
    map.addEventListener('click', function (e) {
      if (drag && drag.moved) { e.stopImmediatePropagation(); e.preventDefault(); }
    }, true);
    map.addEventListener('keydown', function (e) {
      var cx = vb[0] + vb[2] / 2, cy = vb[1] + vb[3] / 2, step = vb[2] / 8;
      if (e.key === '+' || e.key === '=') zoom(0.8, cx, cy);
      else if (e.key === '-') zoom(1.25, cx, cy);
      else if (e.key === '0') { vb = full.slice(); apply(); }
      else if (e.key === 'ArrowLeft') { vb[0] -= step; apply(); }
      else if (e.key === 'ArrowRight') { vb[0] += step; apply(); }
      else if (e.key === 'ArrowUp') { vb[1] -= step; apply(); }
      else if (e.key === 'ArrowDown') { vb[1] += step; apply(); }
      else return;
      e.preventDefault();
    });
  }
  function wireMap(onSchool) {
    if (map) map.addEventListener('click', function (e) {
      var t = e.target, near = onSchool ? nearestSchool(e) : -1;
      if (near >= 0) {
        onSchool(near);
        return;
      }
      if (onSchool && t.classList && t.classList.contains('school')) {
        onSchool(Number(t.getAttribute('data-i')));
        return;
      }
      var c = t.getAttribute && t.getAttribute('data-c');
      if (c !== null) show(c);
    });
    if (pick) pick.addEventListener('change', function () { shown = null; show(pick.value); });
    document.querySelectorAll('.pick').forEach(function (el) {
      el.addEventListener('click', function () { show(el.getAttribute('data-c')); });
    });
    var m = /^#c=(\d+)$/.exec(location.hash);
    if (m) show(m[1]);
  }
  wireMap(choose);
  wireZoom();
  var cards = document.getElementById('collab-cards');
  if (cards) cards.addEventListener('click', function (e) {
    var tr = e.target.closest && e.target.closest('tr[data-i]');
    if (tr) choose(Number(tr.getAttribute('data-i')));
  });
  window.triadPlanner = api;
  render();
  status('ready');
  document.body.dataset.ready = document.querySelectorAll('#map .school').length;
})();
