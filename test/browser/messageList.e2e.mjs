// Browser tests of the message list (issue 12): `node test/browser/messageList.e2e.mjs`, run by
// `npm test` after the playground suite.
//
// The page (test/browser/messageList/) mounts Ana's <MessageList> on the in-memory reference server
// by the package's public names; it is built with Vite into node_modules/.cache and served on
// 127.0.0.1 to Debian's headless Chromium. Each case gets a fresh page, prints ok or FAIL, and a
// failure leaves a screenshot in test-results/message-list/. Cases read the server's read cursor,
// not the UI's, and measure what covers what with bounding boxes.
//
// Usage: node test/browser/messageList.e2e.mjs [--filter <text>]
/* global window, document -- page.evaluate bodies run in the browser */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { recordCounts } from '../summary.mjs';
import { keepLocal, launchChromium, serveStatic } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/confab-e2e-message-list');
const shots = join(root, 'test-results/message-list');
const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const RUN_TIMEOUT_MS = 150_000;

const counts = { passed: 0, failed: 0 };
const guard = setTimeout(() => {
  console.error(`message-list: the run took longer than ${RUN_TIMEOUT_MS / 1000} s; stopping.`);
  recordCounts('browser-list', counts.passed, counts.failed + 1);
  process.exit(1);
}, RUN_TIMEOUT_MS);
guard.unref();

console.log('message-list: building the test page…');
const src = (file) => join(root, 'src', file);
await build({
  configFile: false,
  root: join(root, 'test/browser/messageList'),
  base: './',
  mode: 'production',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^confab-chat$/, replacement: src('react/index.ts') },
      { find: /^confab-chat\/testing$/, replacement: src('testing/index.ts') },
      { find: /^confab-chat\/ui$/, replacement: src('ui/index.ts') },
      { find: /^confab-chat\/styles\.css$/, replacement: src('styles/index.css') },
    ],
  },
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
}
async function until(what, probe, timeout = 5_000, interval = 50) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}
const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const describeBox = (box) => `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`;

/** Ana's read cursor in the room, as the server has it. */
const serverCursor = (page) => page.evaluate(() => window.__test.cursor());

/** The newest message at least half of which is in the list's viewport, measured in the page. */
const lastSeenRow = (page) =>
  page.evaluate(() => {
    const scroller = document.querySelector('.confab-message-list-scroller');
    const view = scroller.getBoundingClientRect();
    let last = 0;
    for (const row of scroller.querySelectorAll('.confab-message[data-sequence]')) {
      const box = row.getBoundingClientRect();
      const shown = Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top);
      if (shown >= Math.min(box.height, view.height) / 2) last = Math.max(last, Number(row.dataset.sequence));
    }
    return last;
  });

/** The message rows fully inside the list's viewport, top to bottom, with their boxes. */
const visibleRows = (page) =>
  page.evaluate(() => {
    const view = document.querySelector('.confab-message-list-scroller').getBoundingClientRect();
    return [...document.querySelectorAll('.confab-message[data-sequence]')]
      .map((row) => ({ sequence: Number(row.dataset.sequence), box: row.getBoundingClientRect().toJSON() }))
      .filter(({ box }) => box.top >= view.top && box.bottom <= view.bottom)
      .sort((a, b) => a.box.top - b.box.top);
  });

const site = await serveStatic(outDir);
const browser = await launchChromium();

async function open(query, viewport = { width: 1000, height: 700 }) {
  const context = await browser.newContext({ viewport });
  await keepLocal(context, site.origin, (url) => console.warn(`message-list: blocked a request to ${url}`));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${site.origin}/index.html?${query}`);
  await page.bringToFront();
  await page.locator('.confab-message-list[data-state="ready"] .confab-message').first().waitFor({ timeout: 15_000 });
  // Virtuoso shows the list once it has scrolled to where it opens.
  await until('the list to settle', () => page.evaluate(() => !document.querySelector('[data-testid="virtuoso-item-list"][style*="visibility: hidden"]')));
  await sleep(300);
  return { page, context, errors };
}

const cases = [];
const test = (name, body) => cases.push({ name, body });

test('a room opened with 250 unread shows the New line at the first unread, and the cursor follows the reader', async (run) => {
  const { page } = await (run.opened = open('total=300&unread=250'));
  const separator = page.locator('.confab-unread-separator');
  await separator.waitFor({ timeout: 3_000 });
  const after = await page.evaluate(() => {
    const line = document.querySelector('.confab-unread-separator');
    const rows = [...document.querySelectorAll('.confab-message[data-sequence]')];
    const below = rows.find((row) => row.getBoundingClientRect().top >= line.getBoundingClientRect().bottom - 1);
    return Number(below?.dataset.sequence);
  });
  check(after === 51, `the first message under the New line is #${after}, not #51`);
  const scroller = await page.locator('.confab-message-list-scroller').boundingBox();
  const line = await separator.boundingBox();
  check(line.y >= scroller.y && line.y + line.height <= scroller.y + scroller.height / 2, `the New line (${describeBox(line)}) opens in the top half of the list (${describeBox(scroller)})`);
  check(await page.locator('.confab-jump-to-latest').isVisible(), 'Jump to latest is offered');

  // The server's cursor moved to what is on screen, and no further.
  const seen = await lastSeenRow(page);
  const cursor = await until('the cursor to follow the reader', async () => {
    const value = await serverCursor(page);
    return value > 50 ? value : 0;
  });
  check(cursor <= seen && cursor >= seen - 1, `the server's cursor is #${cursor}; the last message on screen is #${seen}`);

  // Reading down moves it as far as the reader has read.
  await page.mouse.move(500, 300);
  await page.mouse.wheel(0, 500);
  await sleep(600);
  const seenLater = await lastSeenRow(page);
  const cursorLater = await until('the cursor to follow the reader down', async () => {
    const value = await serverCursor(page);
    return value > cursor ? value : 0;
  });
  check(cursorLater <= seenLater, `after scrolling, the cursor is #${cursorLater} but the last message on screen is #${seenLater}`);
  check(cursorLater < 300, 'the cursor did not jump to the newest message');

  // Jump to latest shows the newest message, and marks none of those jumped over as read.
  await page.locator('.confab-jump-to-latest').click();
  await page.locator('.confab-message[data-sequence="300"]').waitFor({ timeout: 3_000 });
  await sleep(800);
  const cursorAfterJump = await serverCursor(page);
  check(cursorAfterJump === cursorLater, `after jumping to the newest, the cursor moved from #${cursorLater} to #${cursorAfterJump}, past messages never on screen`);
  // And the way back: Jump to first unread brings the New line into view.
  const back = page.locator('.confab-jump-to-unread');
  check(await back.isVisible(), 'Jump to first unread is offered once the New line is above');
  await back.click();
  await until('the New line in view again', async () => {
    const line = await separator.boundingBox().catch(() => null);
    const view = await page.locator('.confab-message-list-scroller').boundingBox();
    return line && line.y >= view.y - 1 && line.y + line.height <= view.y + view.height;
  }, 3_000);
});

test('a room opened while someone talks lands at the first unread, not at the bottom', async (run) => {
  const { page } = await (run.opened = open('total=300&unread=200&talking=1'));
  await page.locator('.confab-unread-separator').waitFor({ timeout: 3_000 });
  const after = await page.evaluate(() => {
    const line = document.querySelector('.confab-unread-separator');
    const rows = [...document.querySelectorAll('.confab-message[data-sequence]')];
    return Number(rows.find((row) => row.getBoundingClientRect().top >= line.getBoundingClientRect().bottom - 1)?.dataset.sequence);
  });
  check(after === 101, `the first message under the New line is #${after}, not #101`);
  await sleep(1_000);
  const cursor = await serverCursor(page);
  const seen = await lastSeenRow(page);
  check(cursor >= 100 && cursor <= seen, `the server's cursor is #${cursor}; the reader sees up to #${seen}`);
});

test('one toolbar at a time: hovering one message then another, leaving, and keyboard focus', async (run) => {
  const { page } = await (run.opened = open('total=40&unread=0'));
  const rows = await visibleRows(page);
  check(rows.length >= 3, `only ${rows.length} rows are in view`);
  const [first, second] = rows.slice(-3);
  const centre = (box) => ({ x: box.x + box.width / 3, y: box.y + box.height / 2 });
  await page.mouse.move(centre(first.box).x, centre(first.box).y);
  await page.locator(`.confab-message[data-sequence="${first.sequence}"] .confab-message-actions`).waitFor({ timeout: 2_000 });
  // Clicking a toolbar button focuses it: the toolbar must still close when the pointer leaves.
  await page.locator(`.confab-message[data-sequence="${first.sequence}"] [data-action="react"]`).first().click();
  await page.mouse.move(centre(second.box).x, centre(second.box).y, { steps: 4 });
  await page.locator(`.confab-message[data-sequence="${second.sequence}"] .confab-message-actions`).waitFor({ timeout: 2_000 });
  const shown = await page.locator('.confab-message-actions').count();
  check(shown === 1, `${shown} toolbars show after hovering two messages`);
  // Out of the list: none.
  await page.mouse.move(2, 698);
  await until('the toolbar to close when the pointer leaves', async () => (await page.locator('.confab-message-actions').count()) === 0, 2_000);
  // Keyboard focus opens it.
  await page.locator('.confab-message-list-scroller').focus();
  await page.keyboard.press('ArrowUp');
  await until('a toolbar on the message focused by keyboard', async () => (await page.locator('.confab-message:focus .confab-message-actions').count()) === 1, 2_000);
  check((await page.locator('.confab-message-actions').count()) === 1, 'one toolbar with keyboard focus');
});

test('the jump buttons cover no message and no toolbar button', async (run) => {
  const { page } = await (run.opened = open('total=300&unread=250'));
  await page.locator('.confab-jump-to-latest').click();
  await page.locator('.confab-message[data-sequence="300"]').waitFor({ timeout: 3_000 });
  await page.locator('.confab-jump-to-unread').waitFor({ timeout: 3_000 });
  const pills = await page.locator('.confab-jump-to-unread, .confab-jump-to-latest, .confab-new-messages-pill').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
  check(pills.length >= 1, 'a jump button shows');
  const scroller = await page.locator('.confab-message-list-scroller').boundingBox();
  for (const pill of pills) check(!overlaps(pill, scroller), `a jump button (${describeBox(pill)}) lies over the messages (${describeBox(scroller)})`);
  const rows = await visibleRows(page);
  for (const row of [rows[0], rows[rows.length - 1]]) {
    await page.mouse.move(row.box.x + row.box.width / 3, row.box.y + row.box.height / 2);
    const buttons = page.locator(`.confab-message[data-sequence="${row.sequence}"] .confab-message-action`);
    await buttons.first().waitFor({ timeout: 2_000 });
    for (const box of await buttons.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()))) {
      for (const pill of pills) check(!overlaps(box, pill), `a jump button (${describeBox(pill)}) covers a toolbar button (${describeBox(box)}) of #${row.sequence}`);
    }
  }
});

for (const width of [390, 480]) {
  test(`at ${width} px the toolbar is one line and covers no name; its icons are SVG`, async (run) => {
    const { page } = await (run.opened = open('total=40&unread=0', { width, height: 700 }));
    const rows = await visibleRows(page);
    const named = [];
    for (const row of rows) if (await page.locator(`.confab-message[data-sequence="${row.sequence}"] .confab-message-author`).count()) named.push(row);
    check(named.length >= 2, 'messages with names are in view');
    for (const row of named.slice(-2)) {
      await page.mouse.move(row.box.x + row.box.width / 3, row.box.y + row.box.height / 2);
      const message = page.locator(`.confab-message[data-sequence="${row.sequence}"]`);
      const toolbar = message.locator('.confab-message-actions');
      await toolbar.waitFor({ timeout: 2_000 });
      const bar = await toolbar.boundingBox();
      const button = await message.locator('.confab-message-action').last().boundingBox();
      check(bar.height < button.height * 2, `the toolbar wraps (${describeBox(bar)})`);
      const name = await message.locator('.confab-message-author').boundingBox();
      check(!overlaps(bar, name), `the toolbar (${describeBox(bar)}) covers the name (${describeBox(name)}) of #${row.sequence}`);
      const glyphs = await toolbar.evaluate((node) => [...node.querySelectorAll('.confab-message-action:not([data-action="react"])')].filter((b) => !b.querySelector('svg') && !b.textContent.trim().match(/^[A-Za-z ]+$/)).length);
      check(glyphs === 0, `${glyphs} toolbar buttons show a character, not an SVG icon`);
    }
  });
}

const selected = cases.filter((entry) => !filter || entry.name.includes(filter));
try {
  for (const entry of selected) {
    const run = {};
    try {
      await entry.body(run);
      const { errors } = await run.opened;
      check(errors.length === 0, `the page logged errors: ${errors.slice(0, 3).join(' | ')}`);
      counts.passed++;
      console.log(`ok   ${entry.name}`);
    } catch (error) {
      counts.failed++;
      console.log(`FAIL ${entry.name}\n     ${error instanceof Failure ? error.message : error.stack}`);
      const opened = await run.opened?.catch(() => null);
      if (opened) {
        mkdirSync(shots, { recursive: true });
        await opened.page.screenshot({ path: join(shots, `${selected.indexOf(entry) + 1}.png`) }).catch(() => {});
      }
    } finally {
      const opened = await run.opened?.catch(() => null);
      await opened?.context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
recordCounts('browser-list', counts.passed, counts.failed);
console.log(`message-list: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : 0);
