/* Part of the planner page's script (lib/report/planner/, joined in
 * file order by embed.py into one script): the plan of each year, the edits with undo and redo, the API the
 * browser tests drive (window.triadPlanner), and the plan CSV. */
  /* ------------------------------------------------------ state per year */
  var years = D.years.map(function (y) {
    return {
      P: { collab: y.collab.slice(), triad: y.triad.slice(), lead: y.lead.slice(),
        lead_years: y.lead_years.slice(), locked: y.locked.slice(), clabel: y.collab_label, ccsv: y.collab_csv,
        tlabel: y.triad_label.slice(), tcsv: y.triad_csv.slice(), tcollab: y.triad_collab.slice() },
      undo: [], redo: [], edits: 0
    };
  });
  var Y = 0, sel = -1, swapMode = false, lastScore = null;
  function cur() { return years[Y].P; }
  function snapshot(P) {
    return { collab: P.collab.slice(), triad: P.triad.slice(), lead: P.lead.slice(),
      lead_years: P.lead_years.slice(), locked: P.locked.slice(), tlabel: P.tlabel.slice(), tcsv: P.tcsv.slice(),
      tcollab: P.tcollab.slice() };
  }
  function restore(P, q) {
    ['collab', 'triad', 'lead', 'lead_years', 'locked', 'tlabel', 'tcsv', 'tcollab'].forEach(function (k) {
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
          /* a new lead starts its term; the lead made lead again keeps its years */
          var served = Q.lead[i] ? Q.lead_years[i] : 1;
          for (var k = 0; k < N; k++) if (Q.collab[k] === Q.collab[i]) Q.lead[k] = Q.lead_years[k] = 0;
          Q.lead[i] = 1;
          Q.lead_years[i] = served;
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

  /* the plan CSV, as lib/io/plan_io.c writes it, always with `locked`,
   * and with `lead_years` when a lead is past its first year */
  function planCsv(P) {
    var term = false;
    for (var k = 0; k < N; k++) term = term || (P.collab[k] >= 0 && P.lead[k] && P.lead_years[k] > 1);
    var rows = ['URN,collaborative,triad,lead,' + (term ? 'lead_years,' : '') + 'locked'];
    for (var i = 0; i < N; i++) {
      if (P.collab[i] < 0) continue;
      rows.push(S.csv[i] + ',' + P.ccsv[P.collab[i]] + ',' +
        (P.triad[i] >= 0 ? P.tcsv[P.triad[i]] : '') + ',' + (P.lead[i] ? 1 : 0) + ',' +
        (term ? (P.lead[i] ? Math.max(1, P.lead_years[i]) : '') + ',' : '') +
        (P.locked[i] ? 1 : 0));
    }
    return rows.join('\r\n') + '\r\n';
  }
