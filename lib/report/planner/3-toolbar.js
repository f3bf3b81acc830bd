/* Part of the planner page's script (lib/report/planner/, joined in
 * file order by embed.py into one script): the edit bar: year, selection, move, swap, lead, lock, undo, redo,
 * download, and the status line. */
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
