// The composer in headless Chromium, as a person meets it (issue 12): `npm test` runs it after the
// Storybook browser suite, on the same storybook-static/ build, and on the built widget.
//
// - The emoji picker opens three times in a row from the composer and three times for a reaction
//   ("Add reaction"), at 1280 × 800 and at 390 × 844: each time it stays open, and it is wholly
//   inside the viewport with its top (category tabs, search) on screen and not covered. It is
//   closed a different way each time: by a pick (the emoji lands), by Escape (focus returns to the
//   button), by a click outside.
// - The same in the script-tag widget (demo mode, in its shadow root), when dist/widget is built.
// - A draft stays with its room when switching rooms, survives a reload, and is gone once sent.
// - After choosing a file to attach, focus is in the text and typing goes on there.
//
// Story: Composer › In A Chat (stories/Composer.stories.tsx). Every case writes screenshots to
// test-results/composer/ (look at them); a failure also leaves the console log there.
//
// Usage: node test/browser/composer.e2e.mjs [--no-build] [--filter <text>]
// --no-build reuses storybook-static/ as it is (npm test builds it just before, in test:browser).
/* global document -- page.evaluate bodies run in the browser */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';
import { keepLocal, launchChromium, serveStatic } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = join(root, 'storybook-static');
const widgetDir = join(root, 'dist/widget');
const outDir = join(root, 'test-results/composer');
const STORY = 'composer--in-a-chat';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

/** Longest a case may take. */
const CASE_TIMEOUT_MS = 60_000;
/** Longest the whole run may take: past it, the run fails and stops, leaving nothing running. */
const RUN_TIMEOUT_MS = 300_000;
/** How long an opened picker must stay open: several tasks and frames after the click. */
const STAYS_OPEN_MS = 400;

const counts = { passed: 0, failed: 0 };
const guard = setTimeout(() => {
  console.error(`composer: the run took longer than ${RUN_TIMEOUT_MS / 1000} s; stopping.`);
  recordCounts('browser-composer', counts.passed, counts.failed + 1);
  process.exit(1);
}, RUN_TIMEOUT_MS);
guard.unref();

if (!noBuild) {
  console.log('composer: building Storybook…');
  const built = spawnSync(join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '--output-dir', staticDir], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  if (built.status !== 0) {
    console.error('composer: storybook build failed');
    recordCounts('browser-composer', 0, 1);
    process.exit(1);
  }
}
if (!existsSync(join(staticDir, 'index.json'))) {
  console.error('composer: storybook-static/index.json is missing; run without --no-build.');
  recordCounts('browser-composer', 0, 1);
  process.exit(1);
}

// ---- little helpers -----------------------------------------------------------------------------

class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
}
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns something truthy; fails with `what` after `timeout` ms. */
async function until(what, probe, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Failure(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Whether a box lies wholly inside a width × height viewport. */
const inside = (box, width, height) => box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
const describeBox = (box) => (box ? `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}` : 'none');

/**
 * The parts of a chat on a page: `scope` is '' for a story, 'confab-widget ' inside the widget
 * (Playwright's CSS locators pierce open shadow roots).
 */
function parts(page, scope) {
  const $ = (selector) => page.locator(`${scope}${selector}`);
  return {
    textarea: $('.confab-chat-room .confab-composer-input'),
    emojiButton: $('.confab-chat-room .confab-composer-emoji'),
    attachButton: $('.confab-chat-room .confab-composer-attach'),
    picker: $('.confab-emoji-picker'),
    /** emoji-mart's own element: em-emoji-picker, or confab-emoji-picker in the widget. */
    martPicker: $('.confab-emoji-picker :is(em-emoji-picker, confab-emoji-picker)'),
    messages: $('.confab-message-list .confab-message:has(.confab-message-text)'),
    roomTitle: $('.confab-chat-room .confab-room-header h2, .confab-chat-room h2'),
  };
}

/**
 * Waits for the picker to be ready, lets it stay a moment, and checks it is still open and wholly
 * on screen: its box, its category tabs and its search field inside the viewport, and the search
 * field the topmost thing where it is (nothing covers it).
 */
async function expectPickerOpen(page, p, label) {
  const { width, height } = page.viewportSize();
  await p.picker.and(page.locator('[data-state="ready"]')).waitFor({ timeout: 15_000 }).catch(() => {
    throw new Failure(`${label}: the picker did not open (or not ready within 15 s)`);
  });
  const search = p.martPicker.locator('input[type="search"]');
  await search.waitFor({ timeout: 5_000 }).catch(() => {
    throw new Failure(`${label}: the picker shows no search field`);
  });
  await sleep(STAYS_OPEN_MS);
  check((await p.picker.count()) === 1, `${label}: the picker closed by itself right after opening`);
  const box = await p.martPicker.boundingBox();
  const tabs = await p.martPicker.locator('#nav button').first().boundingBox();
  const field = await search.boundingBox();
  check(inside(box, width, height), `${label}: the picker (${describeBox(box)}) is not wholly inside the ${width}×${height} viewport`);
  check(inside(tabs, width, height), `${label}: the picker's category tabs (${describeBox(tabs)}) are off screen`);
  check(inside(field, width, height), `${label}: the picker's search field (${describeBox(field)}) is off screen`);
  check(box.height >= 230, `${label}: the picker is only ${Math.round(box.height)} px tall`);
  const topmost = await search.evaluate((input) => {
    const r = input.getBoundingClientRect();
    // From the document, a point in a shadow root reads as its host: walk in through the hosts.
    let hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit === input;
  });
  check(topmost, `${label}: something covers the picker's search field`);
  return box;
}

/** The last message with text that is wholly in view in the list. */
async function visibleMessage(page, p) {
  const { height } = page.viewportSize();
  const count = await p.messages.count();
  for (let index = count - 1; index >= 0; index--) {
    const row = p.messages.nth(index);
    const box = await row.boundingBox();
    if (box && box.y > 60 && box.y + box.height < height - 120) return row;
  }
  throw new Failure('no message with text is in view');
}

/** Where to click "outside": the middle of the room header (never inside a picker placed by a button). */
async function clickOutside(page, p) {
  const box = await p.roomTitle.first().boundingBox();
  check(box, 'no room header to click outside the picker');
  await page.mouse.click(box.x + 4, box.y + box.height / 2);
}

/** What is focused, seen through shadow roots, as `tag.class`. */
async function focused(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.localName}.${active.className}` : 'nothing';
  });
}

// ---- the cases ------------------------------------------------------------------------------------

/** Three openings of the composer's picker, each closed another way. */
async function composerPickerThreeTimes(t, page, p) {
  for (const [round, close] of [
    [1, 'pick'],
    [2, 'escape'],
    [3, 'outside'],
  ]) {
    const before = await p.textarea.inputValue();
    await p.emojiButton.click();
    const box = await expectPickerOpen(page, p, `composer, opening ${round}`);
    t.note(`composer picker ${round}: ${describeBox(box)}`);
    await t.snap(`composer-picker-${round}`);
    if (close === 'pick') {
      const emoji = p.martPicker.locator('.category button').first();
      const label = (await emoji.getAttribute('aria-label')) ?? '';
      await emoji.click();
      await until('the picker to close after a pick', async () => (await p.picker.count()) === 0);
      const after = await p.textarea.inputValue();
      check(label !== '' && after.includes(label) && after.length > before.length, `the picked ${label} is not in the composer ("${after}")`);
      check((await focused(page)).includes('confab-composer-input'), `after a pick focus is on ${await focused(page)}, not the text`);
    } else if (close === 'escape') {
      await page.keyboard.press('Escape');
      await until('the picker to close on Escape', async () => (await p.picker.count()) === 0);
      check((await focused(page)).includes('confab-composer-emoji'), `after Escape focus is on ${await focused(page)}, not the emoji button`);
    } else {
      await clickOutside(page, p);
      await until('the picker to close on a click outside', async () => (await p.picker.count()) === 0);
    }
  }
}

/** Three openings of "Add reaction", each closed another way; the first picks a reaction. */
async function reactionPickerThreeTimes(t, page, p) {
  for (const [round, close] of [
    [1, 'pick'],
    [2, 'escape'],
    [3, 'outside'],
  ]) {
    const row = await visibleMessage(page, p);
    await row.hover();
    const add = row.locator('[data-action="add-reaction"]');
    await add.waitFor({ timeout: 3_000 }).catch(() => {
      throw new Failure(`reaction, opening ${round}: no "Add reaction" button on hover`);
    });
    await add.click();
    const box = await expectPickerOpen(page, p, `reaction, opening ${round}`);
    t.note(`reaction picker ${round}: ${describeBox(box)}`);
    await t.snap(`reaction-picker-${round}`);
    if (close === 'pick') {
      const emoji = p.martPicker.locator('.category button').first();
      const label = (await emoji.getAttribute('aria-label')) ?? '';
      await emoji.click();
      await until('the picker to close after a pick', async () => (await p.picker.count()) === 0);
      await until(`the ${label} reaction on the message`, async () => (await row.locator('.confab-reaction', { hasText: label }).count()) === 1);
    } else if (close === 'escape') {
      await page.keyboard.press('Escape');
      await until('the picker to close on Escape', async () => (await p.picker.count()) === 0);
    } else {
      await clickOutside(page, p);
      await until('the picker to close on a click outside', async () => (await p.picker.count()) === 0);
    }
    // Away from the row, so the next round hovers afresh.
    await page.mouse.move(1, 1);
  }
}

async function pickersInStory(t, size) {
  const page = await t.open(size);
  await page.goto(`${t.origin}/iframe.html?id=${STORY}&viewMode=story`);
  const p = parts(page, '');
  await p.textarea.waitFor({ timeout: 15_000 });
  await composerPickerThreeTimes(t, page, p);
  await reactionPickerThreeTimes(t, page, p);
}

async function pickersInWidget(t, size) {
  const page = await t.open(size, { widget: true });
  await page.goto(`${t.widgetOrigin}/composer-e2e.html`);
  await page.locator('confab-widget .confab-widget-launcher').click();
  const p = parts(page, 'confab-widget ');
  await p.textarea.waitFor({ timeout: 15_000 });
  // The simulated person's greeting: something to react to.
  await p.messages.first().waitFor({ timeout: 15_000 });
  await composerPickerThreeTimes(t, page, p);
  await reactionPickerThreeTimes(t, page, p);
}

async function draftAcrossRoomsAndReload(t) {
  const page = await t.open({ width: 1280, height: 800 });
  const url = `${t.origin}/iframe.html?id=${STORY}&viewMode=story`;
  await page.goto(url);
  const p = parts(page, '');
  const room = (name) => page.locator('.confab-chat-sidebar [role="option"] .confab-room-list-item-name', { hasText: new RegExp(`^${name}$`) }).first();
  const openRoom = async (name) => {
    await room(name).click();
    await until(`the composer of #${name}`, async () => (await p.textarea.getAttribute('aria-label'))?.includes(name));
  };
  await p.textarea.waitFor({ timeout: 15_000 });
  await p.textarea.fill('Half a thought for general');
  await openRoom('random');
  check((await p.textarea.inputValue()) === '', `#random's composer holds "${await p.textarea.inputValue()}"`);
  await p.textarea.fill('Something for random');
  await openRoom('general');
  check((await p.textarea.inputValue()) === 'Half a thought for general', `back in #general the composer holds "${await p.textarea.inputValue()}"`);
  await t.snap('draft-back-in-general');

  await page.reload();
  await p.textarea.waitFor({ timeout: 15_000 });
  await until('the draft of #general after the reload', async () => (await p.textarea.inputValue()) === 'Half a thought for general');
  await openRoom('random');
  check((await p.textarea.inputValue()) === 'Something for random', `after the reload #random's composer holds "${await p.textarea.inputValue()}"`);
  await t.snap('draft-after-reload');

  // Sent: the draft is gone, here and after another reload; the other room's stays.
  await p.textarea.press('Enter');
  await until('the composer to empty after sending', async () => (await p.textarea.inputValue()) === '');
  await page.reload();
  await p.textarea.waitFor({ timeout: 15_000 });
  await openRoom('random');
  await sleep(200);
  check((await p.textarea.inputValue()) === '', `a sent draft came back: "${await p.textarea.inputValue()}"`);
  await openRoom('general');
  check((await p.textarea.inputValue()) === 'Half a thought for general', `#general lost its draft when #random's was sent`);
}

async function focusAfterAttaching(t, size) {
  const page = await t.open(size);
  await page.goto(`${t.origin}/iframe.html?id=${STORY}&viewMode=story`);
  const p = parts(page, '');
  await p.textarea.waitFor({ timeout: 15_000 });
  await p.textarea.click();
  await page.keyboard.type('Here is ');
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
  await p.attachButton.click();
  await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('the notes') });
  await page.locator('.confab-composer-attachment', { hasText: 'notes.txt' }).waitFor({ timeout: 5_000 });
  check((await focused(page)).includes('confab-composer-input'), `after attaching, focus is on ${await focused(page)}, not the text`);
  await page.keyboard.type('the file');
  const value = await p.textarea.inputValue();
  check(value === 'Here is the file', `the composer holds "${value}" (typing after attaching went elsewhere)`);
  await t.snap('focus-after-attaching');
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const CASES = [
  ['pickers-1280x800', 'composer and reaction pickers open three times each, wholly on screen, at 1280×800', (t) => pickersInStory(t, DESKTOP)],
  ['pickers-390x844', 'composer and reaction pickers open three times each, wholly on screen, at 390×844', (t) => pickersInStory(t, PHONE)],
  ['widget-pickers-1280x800', 'the same in the script-tag widget (shadow root), at 1280×800', (t) => pickersInWidget(t, DESKTOP)],
  ['widget-pickers-390x844', 'the same in the script-tag widget (shadow root), at 390×844', (t) => pickersInWidget(t, PHONE)],
  ['draft', 'a draft stays with its room across room switches and a reload, and goes once sent', draftAcrossRoomsAndReload],
  ['focus-after-attaching', 'after choosing a file, focus is in the text and typing goes on there', (t) => focusAfterAttaching(t, DESKTOP)],
  ['focus-after-attaching-390', 'the same at 390×844', (t) => focusAfterAttaching(t, PHONE)],
];

// ---- run ------------------------------------------------------------------------------------------

const WIDGET_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Composer e2e</title></head>
  <body><h1>A page with the widget</h1><script src="/confab-widget.js" data-demo data-user="visitor" data-user-name="Visitor"></script></body>
</html>`;

const site = await serveStatic(staticDir);
const widgetSite = existsSync(join(widgetDir, 'confab-widget.js')) ? await serveStatic(widgetDir) : null;
const browser = await launchChromium().catch(async (error) => {
  console.error(`composer: ${error.message}`);
  recordCounts('browser-composer', 0, 1);
  await site.close();
  await widgetSite?.close();
  process.exit(1);
});
mkdirSync(outDir, { recursive: true });

try {
  for (const [name, title, run] of CASES) {
    if (filter && !name.includes(filter)) continue;
    const contexts = [];
    const problems = [];
    const log = [];
    const notes = [];
    const pages = [];
    const t = {
      origin: site.origin,
      widgetOrigin: widgetSite?.origin,
      note: (text) => notes.push(text),
      async open(viewport, { widget = false } = {}) {
        if (widget && !widgetSite) throw new Failure('dist/widget/confab-widget.js is missing: run `npm run build` first');
        const origin = widget ? widgetSite.origin : site.origin;
        const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
        contexts.push(context);
        await keepLocal(context, origin, (url) => problems.push(`request left the page's origin (blocked): ${url}`));
        if (widget) await context.route(`${origin}/composer-e2e.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: WIDGET_PAGE }));
        const page = await context.newPage();
        pages.push(page);
        page.on('console', (message) => {
          log.push(`[${message.type()}] ${message.text()}`);
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        return page;
      },
      async snap(label) {
        await pages.at(-1)?.screenshot({ path: join(outDir, `${name}-${label}.png`) });
      },
    };
    const started = Date.now();
    try {
      let timer;
      await Promise.race([
        run(t),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Failure(`the case took longer than ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
    } catch (error) {
      problems.unshift(error instanceof Failure ? error.message : `runner: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const ok = problems.length === 0;
    if (ok) counts.passed++;
    else counts.failed++;
    console.log(`  ${ok ? '✓' : '✗'} ${name}: ${title} (${Date.now() - started} ms)`);
    for (const note of notes) console.log(`      ${note}`);
    for (const problem of problems) console.log(`      ${problem}`);
    if (!ok) {
      for (const [index, page] of pages.entries()) await page.screenshot({ path: join(outDir, `${name}-failure-${index + 1}.png`) }).catch(() => {});
      writeFileSync(join(outDir, `${name}.log`), [...problems.map((problem) => `problem: ${problem}`), '', ...log].join('\n'));
    }
    for (const context of contexts) await context.close().catch(() => {});
  }
} finally {
  await browser.close();
  await site.close();
  await widgetSite?.close();
}

console.log(`browser-composer: ${counts.passed} passed, ${counts.failed} failed`);
recordCounts('browser-composer', counts.passed, counts.failed);
if (counts.failed > 0 || counts.passed === 0) process.exitCode = 1;
