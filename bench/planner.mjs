// Time per update of the planner page: random moves and swaps on a report,
// each timed in the page from the call to the end of the re-scoring and
// re-rendering (score, summary, violations, changed cards, map), and to the
// next painted frame. Writes a TSV row per kind of edit and a screenshot.
// Usage: node bench/planner.mjs REPORT.html EDITS OUT.tsv SCREENSHOT.png
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');
const [report, editsArg, out, shot] = process.argv.slice(2);
const edits = Number(editsArg);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  const t0 = Date.now();
  await page.goto('file://' + report, { waitUntil: 'load' });
  const load = Date.now() - t0;
  const first = await page.$eval('body', (b) => Number(b.dataset.renderMs));
  const rows = [];
  for (const kind of ['move', 'swap']) {
    const times = await page.evaluate(async (kind, n) => {
      const p = window.triadPlanner, sync = [], frame = [];
      let seed = 7;
      const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      for (let k = 0; k < n; k++) {
        const s = p.score(), schools = s.members.flat(), nt = s.triadMembers.length;
        const i = schools[Math.floor(rand() * schools.length)];
        const j = schools[Math.floor(rand() * schools.length)];
        const t = performance.now();
        if (kind === 'move') p.move(i, Math.floor(rand() * nt)); else p.swap(i, j);
        sync.push(performance.now() - t);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        frame.push(performance.now() - t);
      }
      return { sync, frame };
    }, kind, edits);
    const q = (a, f) => { const b = [...a].sort((x, y) => x - y); return b[Math.min(b.length - 1, Math.floor(f * b.length))]; };
    rows.push([kind, edits, q(times.sync, 0.5), q(times.sync, 0.95), Math.max(...times.sync),
      q(times.frame, 0.5), q(times.frame, 0.95)].map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v)));
  }
  const schools = await page.evaluate(() => window.triadPlanner.score().summary.planned);
  writeFileSync(out, `# planner page on ${schools} planned schools: ms per edit (score + re-render), ` +
    `and to the next frame; page load ${load} ms, first render ${first.toFixed(1)} ms; ` +
    `chromium headless, ${new Date().toISOString().slice(0, 10)}\n` +
    'edit\tedits\tmedian_ms\tp95_ms\tmax_ms\tframe_median_ms\tframe_p95_ms\n' +
    rows.map((r) => r.join('\t')).join('\n') + '\n');
  if (shot) {
    // a clean page with one move, for the README: the moved school's new card
    await page.goto('file://' + report, { waitUntil: 'load' });
    await page.evaluate(() => {
      const p = window.triadPlanner, s = p.score();
      const i = s.members[1][0];
      p.move(i, s.triadMembers.findIndex((m) => m.length && s.members[0].includes(m[0])));
      p.select(i);
    });
    await page.evaluate(() => {
      const sel = document.querySelector('tr.sel');
      const card = sel.closest('.collab');
      window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 230);
    });
    await page.screenshot({ path: shot });
  }
} finally {
  await browser.close();
}
