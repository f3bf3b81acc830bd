/* Part of the planner page's script (lib/report/planner/, joined in
 * file order by embed.py into one script): the model and the scoring, line by line as lib/check/check.c and
 * lib/check/check_score.c do it. */
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

  /* the rules shared by collaboratives and triads: check_trust, and the
     travel limit of lib/check/check.c */
  function trustRule(viol, mem, cap, label, what) {
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
  function travelRule(viol, mem, limit, label, what) {
    if (!(limit > 0)) return;
    for (var x = 0; x < mem.length; x++)
      for (var y = x + 1; y < mem.length; y++) {
        var d = km(mem[x], mem[y]);
        if (d > limit)
          viol('travel', label, what + ' ' + label + ': ' + S.urn[mem[x]] + ' and ' +
            S.urn[mem[y]] + ' are ' + fixed(d, 1) + ' km apart (limit ' + fixed(limit, 1) + ')');
      }
  }
  /* score_all: every group scored, the counts within one */
  function scoreAll(P, cm, tm, sum) {
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
    return [gcs, gts];
  }
  /* check_links_and_coverage */
  function checkCoverageAndLinks(P, sum, viol) {
    for (var i = 0; i < N; i++) {
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
  }
  /* check_collab_size and check_collab_lead */
  function checkCollabSizeLead(viol, mem, label, st, eligible, leads, lead) {
    if (st >= 0) {
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
  }
  /* check_collaboratives */
  function checkCollaboratives(P, cm, gcs, viol) {
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
      checkCollabSizeLead(viol, mem, label, mixed ? -1 : st, eligible, leads, lead);
      trustRule(viol, mem, RU.trust_cap_collab, label, 'collaborative');
      travelRule(viol, mem, RU.collab_max_km, label, 'collaborative');
    });
  }
  /* check_triads */
  function checkTriads(P, tm, viol) {
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
      trustRule(viol, mem, RU.trust_cap_triad, label, 'triad');
      travelRule(viol, mem, RU.triad_max_km, label, 'triad');
    });
  }
  /* how far heads travel to their triad, as lib/report/report_format.c */
  function triadSpans(triads, sum) {
    var spans = triads.map(function (g) { return g.max_km; })
      .filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    var ns = spans.length;
    sum.triad_span_median_km = ns ? (ns % 2 ? spans[(ns - 1) / 2] : (spans[ns / 2 - 1] + spans[ns / 2]) / 2) : null;
    sum.triad_span_max_km = ns ? spans[ns - 1] : null;
    sum.triads_over_20_km = ns ? spans.filter(function (v) { return v > 20; }).length : null;
  }
  function score(P) {
    var V = [], cm = P.clabel.map(function () { return []; });
    var tm = P.tlabel.map(function () { return []; });
    for (var i = 0; i < N; i++) {
      if (P.collab[i] >= 0) cm[P.collab[i]].push(i);
      if (P.collab[i] >= 0 && P.triad[i] >= 0) tm[P.triad[i]].push(i);
    }
    function viol(kind, group, msg) { V.push({ constraint: kind, group: group, message: msg }); }
    var sum = { schools: N, planned: 0, unplanned: 0, collaboratives: 0, triads: 0,
      collaboratives_within_one: 0, triads_within_one: 0, max_deviation_collaboratives: 0,
      max_deviation_triads: 0 };
    var out = { summary: sum, collaboratives: [], triads: [], violations: V, byCollab: [] };
    var g = scoreAll(P, cm, tm, sum), gcs = g[0], gts = g[1];
    checkCoverageAndLinks(P, sum, viol);
    checkCollaboratives(P, cm, gcs, viol);
    checkTriads(P, tm, viol);
    out.collaboratives = gcs.filter(Boolean);
    out.triads = gts.filter(Boolean);
    out.byCollab = gcs;
    out.members = cm;
    out.triadMembers = tm;
    sum.violations = V.length;
    sum.all_collaboratives_within_one = sum.collaboratives_within_one === sum.collaboratives;
    triadSpans(out.triads, sum);
    return out;
  }

