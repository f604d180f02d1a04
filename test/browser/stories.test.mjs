// Opens every Storybook story in headless Chromium (`npm run test:browser`; `npm test` runs it
// after the build):
//
// - no console errors and no uncaught page errors (nothing is allow-listed);
// - no request leaves the local static server;
// - axe-core on the story root: no serious or critical violations;
// - hostile input stays inert: no injected script ran (`window.__confabPwned`), no element in the
//   story carries an inline `on*` handler, and every link is http, https, mailto or blob;
// - in the 10,000-message MessageList story (the structural test of issue 4 that needs a real
//   browser): the DOM holds only a screenful of rows, and scrolling to the top loads older history
//   while the first visible message stays within 2 px of where it was.
//
// Usage: node test/browser/stories.test.mjs [--no-build] [--filter <text>]
// --no-build reuses storybook-static/ as it is. Failures leave a screenshot and the console log in
// test-results/browser/.
/* global window, document, location, requestAnimationFrame -- page.evaluate bodies run in the browser */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';
import { keepLocal, launchChromium, serveStatic } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = join(root, 'storybook-static');
const outDir = join(root, 'test-results/browser');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

/** The story that carries the browser structural test. */
const TEN_THOUSAND = 'messagelist--ten-thousand-messages';
/** How long a story may take to render before it fails. */
const RENDER_TIMEOUT_MS = 15_000;
/** Stories open at once (BROWSER_WORKERS overrides). */
const WORKERS = Math.max(1, Number(process.env.BROWSER_WORKERS ?? 2));

if (!noBuild) {
  console.log('browser: building Storybook…');
  const built = spawnSync(join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '--output-dir', staticDir], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (built.status !== 0) {
    console.error('browser: storybook build failed');
    recordCounts('browser-stories', 0, 1);
    process.exit(1);
  }
}
if (!existsSync(join(staticDir, 'index.json'))) {
  console.error('browser: storybook-static/index.json is missing; run without --no-build.');
  recordCounts('browser-stories', 0, 1);
  process.exit(1);
}

const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((entry) => entry.type === 'story')
  .filter((entry) => !filter || entry.id.includes(filter) || entry.title.toLowerCase().includes(filter.toLowerCase()));

const site = await serveStatic(staticDir);
const browser = await launchChromium().catch(async (error) => {
  console.error(`browser: ${error.message}`);
  recordCounts('browser-stories', 0, 1);
  await site.close();
  process.exit(1);
});
let passed = 0;
let failed = 0;

/** Opens one story in a fresh context and runs every check on it. */
async function runStory(story) {
  const started = Date.now();
  const problems = [];
  const log = [];
  const notes = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  await keepLocal(context, site.origin, (url) => problems.push(`request left the page's origin (blocked): ${url}`));
  const page = await context.newPage();
  page.on('console', (message) => {
    log.push(`[${message.type()}] ${message.text()}`);
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    log.push(`[pageerror] ${error.stack ?? error.message}`);
    problems.push(`page error: ${error.message}`);
  });
  try {
    await page.goto(`${site.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
    await page.waitForSelector('body.sb-show-main, body.sb-show-errordisplay, body.sb-show-nopreview', { timeout: RENDER_TIMEOUT_MS });
    if (await page.$('body.sb-show-errordisplay')) {
      const text = (await page.textContent('#error-message').catch(() => null)) ?? '';
      problems.push(`story failed to render: ${text.trim().slice(0, 400)}`);
    } else {
      // Let the in-memory server deliver, lazy parts settle and a few frames paint.
      await page.waitForTimeout(400);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      problems.push(...(await checkInert(page)));
      problems.push(...(await checkAxe(page)));
      if (story.id === TEN_THOUSAND) problems.push(...(await checkTenThousand(page, log, notes)));
    }
  } catch (error) {
    problems.push(`runner: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const ms = Date.now() - started;
  const lines = [`  ${problems.length === 0 ? '✓' : '✗'} ${story.id} (${ms} ms)`, ...notes.map((note) => `      ${note}`), ...problems.map((problem) => `      ${problem}`)];
  if (problems.length > 0) {
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, `${story.id}.png`), fullPage: false }).catch(() => {});
    writeFileSync(join(outDir, `${story.id}.log`), [...problems.map((p) => `problem: ${p}`), '', ...log].join('\n'));
  }
  await context.close();
  return { ok: problems.length === 0, lines };
}

try {
  // A few stories at a time, each in its own context; lines print as stories finish.
  const queue = [...stories];
  const worker = async () => {
    for (let story = queue.shift(); story; story = queue.shift()) {
      const result = await runStory(story);
      if (result.ok) passed++;
      else failed++;
      console.log(result.lines.join('\n'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, stories.length) }, worker));
} finally {
  await browser.close();
  await site.close();
}

console.log(`browser-stories: ${passed} passed, ${failed} failed (${stories.length} stories)`);
recordCounts('browser-stories', passed, failed);
if (failed > 0 || stories.length === 0) process.exitCode = 1;

/** axe-core on the story root: serious and critical violations fail. */
async function checkAxe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // emoji-mart's picker (third-party, in its own shadow root) puts aria-posinset on plain buttons;
    // we cannot change its markup, so its element is left out. Everything around it is checked.
    const result = await window.axe.run({ include: [['#storybook-root']], exclude: [['em-emoji-picker']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact}: ${v.id}: ${v.help} (${v.targets.join(' | ')})`);
}

/** Hostile text rendered as text: nothing ran, no inline handlers, only safe link schemes. */
async function checkInert(page) {
  return page.evaluate(() => {
    const problems = [];
    if (window.__confabPwned !== undefined) problems.push('inert: injected script ran (window.__confabPwned is set)');
    const rootNode = document.querySelector('#storybook-root');
    for (const element of rootNode?.querySelectorAll('*') ?? []) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) problems.push(`inert: <${element.localName}> has an inline ${attribute.name} handler`);
      }
      if (element.localName === 'script') problems.push('inert: a <script> element is inside the story');
      if (element.localName === 'a' && element.hasAttribute('href')) {
        const href = element.getAttribute('href') ?? '';
        let scheme = '';
        try {
          scheme = new URL(href, location.href).protocol;
        } catch {
          scheme = 'unparseable';
        }
        if (!['http:', 'https:', 'mailto:', 'blob:'].includes(scheme)) problems.push(`inert: a link with scheme ${scheme} (${href.slice(0, 60)})`);
      }
    }
    return problems.slice(0, 10);
  });
}

/**
 * The 10,000-message room: a screenful of rows in the DOM, and the first visible message stays
 * within 2 px when older history is prepended after scrolling to the top.
 */
async function checkTenThousand(page, log, notes) {
  const problems = [];
  await page.waitForSelector('[data-testid="virtuoso-scroller"] [data-sequence]', { timeout: RENDER_TIMEOUT_MS });
  const dom = await page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="virtuoso-scroller"]');
    const box = scroller.getBoundingClientRect();
    const rows = [...scroller.querySelectorAll('[data-sequence]')];
    const visible = rows.filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    return { rows: rows.length, visible: visible.length, height: box.height, last: Number(rows.at(-1)?.dataset.sequence) };
  });
  log.push(`[10k] rows in DOM ${dom.rows}, visible ${dom.visible}, scroller ${Math.round(dom.height)} px, last sequence ${dom.last}`);
  // A screenful plus the list's overscan: never anywhere near the 10,000 messages of the room.
  const allowed = Math.max(dom.visible * 2 + 10, 40);
  if (dom.visible === 0) problems.push('10k: no message row is visible');
  if (dom.rows > allowed) problems.push(`10k: ${dom.rows} message rows in the DOM for ${dom.visible} visible (allowed ${allowed})`);
  if (!(dom.last >= 10_000)) problems.push(`10k: the newest row is sequence ${dom.last}, expected 10000 (the list should open at the bottom)`);

  // Two rounds: scroll to the top, note the first visible message every frame until older
  // messages come in (the prepend), then compare its position once the list has settled.
  for (let round = 1; round <= 2; round++) {
    const result = await page.evaluate(
      (timeoutMs) =>
        new Promise((done) => {
          const scroller = document.querySelector('[data-testid="virtuoso-scroller"]');
          const firstVisible = () => {
            const box = scroller.getBoundingClientRect();
            for (const row of scroller.querySelectorAll('[data-sequence]')) {
              const r = row.getBoundingClientRect();
              if (r.height > 0 && r.bottom > box.top + 1 && r.top < box.bottom) return { sequence: row.dataset.sequence, top: r.top };
            }
            return null;
          };
          const sequences = () => [...scroller.querySelectorAll('[data-sequence]')].map((row) => Number(row.dataset.sequence));
          // The story marks the oldest message the client holds: the older page is in once it drops.
          const oldest = () => Number(document.querySelector('[data-testid="oldest-loaded"]')?.dataset.oldest);
          const startOldest = oldest();
          const startHeight = scroller.scrollHeight;
          // The first message seen at the top (what the reader looked at) and the last one painted
          // before the older page came in: both must be where they were once it is in.
          let first = null;
          let last = null;
          const deadline = performance.now() + timeoutMs;
          scroller.scrollTop = 0;
          const prepended = () => oldest() < startOldest;
          const frame = () => {
            if (!prepended()) {
              const seen = firstVisible();
              if (seen) {
                first ??= seen;
                last = seen;
              }
              if (performance.now() > deadline) return done({ error: `no older history was loaded within ${timeoutMs} ms of scrolling to the top (oldest held #${startOldest})` });
              return requestAnimationFrame(frame);
            }
            let frames = 0;
            const settle = () => {
              if (++frames < 6) return requestAnimationFrame(settle);
              if (!first || !last) return done({ error: 'older messages arrived before any row was seen at the top' });
              const at = (seen) => scroller.querySelector(`[data-sequence="${seen.sequence}"]`)?.getBoundingClientRect().top ?? null;
              done({ first, last, firstAfter: at(first), lastAfter: at(last), startOldest, oldest: oldest(), firstRow: Math.min(...sequences()), scrollTop: scroller.scrollTop, grewBy: scroller.scrollHeight - startHeight });
            };
            requestAnimationFrame(settle);
          };
          requestAnimationFrame(frame);
        }),
      8_000,
    );
    if (result.error) {
      problems.push(`10k prepend round ${round}: ${result.error}`);
      break;
    }
    log.push(`[10k] round ${round}: ${JSON.stringify(result)}`);
    for (const [label, seen, after] of [
      ['first seen', result.first, result.firstAfter],
      ['last painted', result.last, result.lastAfter],
    ]) {
      if (after === null) {
        problems.push(`10k prepend round ${round}: message #${seen.sequence} (${label} before the prepend) left the DOM`);
        continue;
      }
      const moved = after - seen.top;
      notes.push(`10k prepend round ${round}: ${label} message #${seen.sequence} moved ${moved.toFixed(2)} px (oldest held #${result.startOldest} → #${result.oldest}, list grew ${result.grewBy} px)`);
      if (Math.abs(moved) > 2) problems.push(`10k prepend round ${round}: the ${label} message (#${seen.sequence}) moved ${moved.toFixed(1)} px (allowed 2)`);
    }
    await page.waitForTimeout(300);
  }
  const after = await page.evaluate(() => document.querySelectorAll('[data-testid="virtuoso-scroller"] [data-sequence]').length);
  if (after > allowed) problems.push(`10k: ${after} message rows in the DOM after loading older history (allowed ${allowed})`);
  return problems;
}
