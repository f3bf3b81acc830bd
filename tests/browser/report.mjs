// Drives Debian's chromium through puppeteer-core over the HTML report:
// the page script runs under its CSP without errors, picking a collaborative
// in the selector and clicking a school both show that collaborative alone
// (its schools and triads, the rest greyed), clicking again shows all, and
// hostile labels never run. A screenshot is kept beside the test log.
// Usage: node report.mjs REPORT.html EVIL.html PLAN.csv SCREENSHOT.png
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const [report, evil, planCsv, shot] = process.argv.slice(2);
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

// collaborative label -> number of schools, in file order (number = index)
const rows = readFileSync(planCsv, 'utf8').split(/\r?\n/).slice(1).filter((l) => l);
const labels = [];
const size = new Map();
for (const r of rows) {
  const c = r.split(',')[1];
  if (!c) continue;
  if (!size.has(c)) { labels.push(c); size.set(c, 0); }
  size.set(c, size.get(c) + 1);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto('file://' + report, { waitUntil: 'load' });
  const ready = await page.$eval('body', (b) => Number(b.dataset.ready));
  expect(ready === rows.filter((r) => r.split(',')[1]).length,
    `data-ready ${ready}, want one mark per planned school`);

  // colour carries one thing at a time (issue 31): on the whole LA the dots
  // take as many fills as there are strata, not one per collaborative
  const fills = () => page.evaluate(() => {
    const all = new Set(), lit = new Map();
    document.querySelectorAll('#map .school').forEach((e) => {
      all.add(e.getAttribute('fill'));
      if (!e.classList.contains('dim')) lit.set(e.getAttribute('data-i'), e.getAttribute('fill'));
    });
    return { all: all.size, lit: [...lit.entries()] };
  });
  const strata = await page.$$eval('#collabs .sw', (e) => e.length);
  let f = await fills();
  expect(strata >= 1 && f.all <= strata,
    `overview: ${f.all} dot colours for ${strata} strata in the legend`);
  // area names cover no other name, and few dots
  const labelsClear = await page.evaluate(() => {
    const bs = [...document.querySelectorAll('#map text.area')].map((t) => t.getBBox());
    const dots = [...document.querySelectorAll('#map .school')].map((c) =>
      [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    let clash = 0, covered = 0;
    for (let a = 0; a < bs.length; a++) {
      for (let b = a + 1; b < bs.length; b++)
        if (bs[a].x < bs[b].x + bs[b].width && bs[b].x < bs[a].x + bs[a].width &&
            bs[a].y < bs[b].y + bs[b].height && bs[b].y < bs[a].y + bs[a].height) clash++;
      covered += dots.filter(([x, y]) => x > bs[a].x && x < bs[a].x + bs[a].width &&
        y > bs[a].y && y < bs[a].y + bs[a].height).length;
    }
    return { n: bs.length, clash, covered };
  });
  expect(labelsClear.clash === 0, `${labelsClear.clash} pairs of area names overlap`);
  expect(labelsClear.covered <= labelsClear.n,
    `${labelsClear.covered} dots under ${labelsClear.n} area names`);

  // pick the second collaborative in the selector
  const pickC = 1;
  await page.select('#pick', String(pickC));
  const state = () => page.evaluate(() => ({
    shown: document.body.dataset.shown,
    lit: document.querySelectorAll('#map .school:not(.dim)').length,
    dim: document.querySelectorAll('#map .school.dim').length,
    on: [...document.querySelectorAll('#map .triad.on')].map((t) => t.getAttribute('data-c')),
  }));
  let s = await state();
  expect(s.shown === String(pickC), `selector: body shows '${s.shown}', want ${pickC}`);
  expect(s.lit === size.get(labels[pickC]),
    `selector: ${s.lit} schools lit, want the ${size.get(labels[pickC])} of ${labels[pickC]}`);
  expect(s.dim === ready - s.lit, `selector: ${s.dim} greyed, want ${ready - s.lit}`);
  expect(s.on.length > 0 && s.on.every((c) => c === String(pickC)),
    `selector: triads drawn of collaboratives ${[...new Set(s.on)]}`);
  // picked: its dots take one colour per triad, the same within a triad
  f = await fills();
  const triadOf = new Map(rows.map((r) => r.split(',')).map((c) => [c[0], c[2]]));
  const urnOf = await page.$$eval('#map .school', (e) =>
    Object.fromEntries(e.map((x) => [x.getAttribute('data-i'), x.getAttribute('data-urn')])));
  const byTriad = new Map();
  for (const [i, fill] of f.lit) {
    const t = triadOf.get(urnOf[i]);
    if (!byTriad.has(t)) byTriad.set(t, new Set());
    byTriad.get(t).add(fill);
  }
  const triadFills = new Set([...byTriad.values()].flatMap((x) => [...x]));
  expect([...byTriad.values()].every((x) => x.size === 1),
    'picked: a triad\'s schools do not share one colour');
  expect(triadFills.size === byTriad.size,
    `picked: ${triadFills.size} colours for ${byTriad.size} triads`);
  await page.screenshot({ path: shot, fullPage: false });

  // a click on a school of another collaborative shows that one; a second
  // click on it shows every collaborative again
  // (a school whose centre no other mark covers, so the click is its own)
  const topmost = (sel) => page.evaluate((q) => {
    for (const e of document.querySelectorAll(q)) {
      const b = e.getBoundingClientRect();
      const x = b.left + b.width / 2, y = b.top + b.height / 2;
      if (document.elementFromPoint(x, y) === e) return { c: e.getAttribute('data-c'), x, y };
    }
    return null;
  }, sel);
  const other = await topmost('#map .school.dim');
  expect(other !== null, 'no greyed school can be clicked');
  const otherC = other ? other.c : '';
  if (other) await page.mouse.click(other.x, other.y);
  s = await state();
  expect(s.shown === otherC, `click: shows '${s.shown}', want ${otherC}`);
  expect(s.lit === size.get(labels[Number(otherC)]), `click: ${s.lit} schools lit`);
  const again = await topmost(`#map .school[data-c="${otherC}"]`);
  if (again) await page.mouse.click(again.x, again.y);
  s = await state();
  expect(s.shown === '' && s.dim === 0, `second click: shows '${s.shown}', ${s.dim} greyed`);
  expect(errors.length === 0, `script errors: ${errors.join('; ')}`);
  expect(requests.length === 0, `network requests: ${requests.join(', ')}`);

  // hostile labels: nothing they carry may run
  const evilPage = await browser.newPage();
  const evilErrors = [];
  evilPage.on('pageerror', (e) => evilErrors.push(String(e)));
  await evilPage.goto('file://' + evil, { waitUntil: 'load' });
  const title = await evilPage.title();
  expect(title === 'School improvement collaboratives', `hostile page title is '${title}'`);
  const evilReady = await evilPage.$eval('body', (b) => b.dataset.ready);
  expect(evilReady !== undefined, 'the page script did not run on the hostile page');
  expect(evilErrors.length === 0, `hostile page errors: ${evilErrors.join('; ')}`);
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.log('FAIL: ' + f);
  process.exit(1);
}
console.log('passed');
