/* Part of the planner page's script (lib/report/planner/, joined in
 * file order by embed.py into one script): wiring: clicks on the map (nearest dot), zoom and pan, the cards'
 * rows; then the first drawing (closes the scope 0-frame.js opened). */
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
