// Browser end-to-end tests of people talking, against the built playground (issue 5):
// `npm run test:e2e`, and `npm test` runs it after the Storybook browser suite.
//
// The playground is built (`vite build playground`, or dist-playground/ as it is with --no-build),
// served statically on 127.0.0.1 and opened in Debian's headless Chromium with the simulated people
// paused (`sim=paused`), so nobody but the test acts. Each case gets a fresh browser context and
// prints ok or FAIL; a failure leaves a screenshot of every page of the case and its console log in
// test-results/e2e/. The last case starts the Node host in this process (tsx loads src/host) on a
// random port and talks to it over a real WebSocket from two contexts.
//
// Usage: node test/browser/playground.e2e.mjs [--no-build] [--filter <text>[|<text>…]]  (E2E_CPU_SLOWDOWN=4 slows every page)
/* global window, document, getComputedStyle, MutationObserver, requestAnimationFrame -- page.evaluate bodies run in the browser */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCounts } from '../summary.mjs';
import { makePng } from './png-fixture.mjs';
import { launchChromium, serveStatic } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = join(root, 'dist-playground');
const outDir = join(root, 'test-results/e2e');

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

/** `E2E_CPU_SLOWDOWN=4` runs every page four times slower (Chromium's CPU throttling), to find races a slow CI machine meets. */
const CPU_SLOWDOWN = Number(process.env.E2E_CPU_SLOWDOWN ?? 1);

/** Longest a whole case may take before it is failed (and its pages closed). */
const CASE_TIMEOUT_MS = 45_000;
/** Longest the page may take to seed its world and show both chats. */
const READY_TIMEOUT_MS = 20_000;
/** Longest the whole run may take: past it, the run fails and stops, leaving nothing running. */
const RUN_TIMEOUT_MS = 170_000;

const counts = { passed: 0, failed: 0 };
const guard = setTimeout(() => {
  console.error(`e2e: the run took longer than ${RUN_TIMEOUT_MS / 1000} s; stopping.`);
  recordCounts('browser-e2e', counts.passed, counts.failed + 1);
  process.exit(1);
}, RUN_TIMEOUT_MS);
guard.unref();

// ---- build and serve ---------------------------------------------------------------------------

if (!noBuild) {
  console.log('e2e: building the playground…');
  const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'playground', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  if (built.status !== 0) {
    console.error('e2e: the playground build failed');
    recordCounts('browser-e2e', 0, 1);
    process.exit(1);
  }
}
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error('e2e: dist-playground/index.html is missing; run without --no-build.');
  recordCounts('browser-e2e', 0, 1);
  process.exit(1);
}

/** The lazy chunks of the emoji picker, found by what they contain (their names carry hashes). */
function emojiChunks() {
  const assets = join(staticDir, 'assets');
  const found = { picker: null, data: null };
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    const text = readFileSync(join(assets, file), 'utf8');
    if (text.includes('em-emoji-picker')) found.picker = file;
    else if (text.includes('"grinning":{"id":"grinning"')) found.data = file;
  }
  return found;
}

// ---- little helpers ----------------------------------------------------------------------------

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
let tokenCounter = 0;
/** A word no seeded message contains, to find the rows a case wrote. */
const token = (label) => `e2e${label}${Date.now().toString(36)}${(++tokenCounter).toString(36)}`;

class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
}

/** Polls `probe` until it returns something truthy; throws with `what` after `timeout` ms. */
async function until(what, probe, timeout = 5_000, interval = 40) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Failure(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

/** Waits for a locator to show; a timeout fails with `what`. */
async function appear(locator, what, timeout = 2_000) {
  await locator.waitFor({ timeout }).catch(() => {
    throw new Failure(`${what} did not show within ${timeout} ms`);
  });
}

const viewer = (page, slot) => page.getByTestId(`viewer-${slot}`);
const roomPane = (page, slot) => viewer(page, slot).locator('.confab-chat-room');
const input = (page, slot) => roomPane(page, slot).locator('.confab-composer-input');
const list = (page, slot) => roomPane(page, slot).locator('.confab-message-list');
/** The message rows of a viewer's open room whose text contains `text`. */
const rows = (page, slot, text) => list(page, slot).locator('.confab-message', { hasText: text });
const rowAt = (page, slot, sequence) => list(page, slot).locator(`.confab-message[data-sequence="${sequence}"]`);

/** Waits until the viewers' chats show their rooms and are online. */
async function ready(page, slots) {
  for (const slot of slots) {
    await appear(list(page, slot).and(page.locator('[data-state="ready"]')), `viewer ${slot}'s message list`, READY_TIMEOUT_MS);
    await appear(page.locator(`[data-testid="status-${slot}"][data-state="online"]`), `viewer ${slot} online`, READY_TIMEOUT_MS);
  }
}

/** Scrolls a viewer's list to the newest message and waits until the list says it is at the bottom. */
async function toBottom(page, slot) {
  await until(`viewer ${slot}'s list at the bottom`, async () => {
    if ((await list(page, slot).getAttribute('data-at-bottom')) !== null) return true;
    await list(page, slot).locator('[data-testid="virtuoso-scroller"]').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    return false;
  }, 5_000, 100);
}

/** Types into a viewer's composer and sends with Enter. */
async function send(page, slot, text) {
  await input(page, slot).fill(text);
  await input(page, slot).press('Enter');
}

/** The confirmed sequence of the one row containing `text` (waits for the server's copy). */
async function sequenceOf(page, slot, text, timeout = 3_000) {
  return until(`a confirmed row with "${text}" in viewer ${slot}`, async () => {
    const found = rows(page, slot, text);
    if ((await found.count()) !== 1) return null;
    const sequence = await found.getAttribute('data-sequence');
    return sequence ? Number(sequence) : null;
  }, timeout);
}

/** Opens a room from a viewer's room list by the name it shows. */
async function openRoom(page, slot, name) {
  const item = viewer(page, slot)
    .locator('.confab-room-list-item')
    .filter({ has: page.locator('.confab-room-list-item-name', { hasText: new RegExp(`^${name}$`) }) });
  await item.click({ timeout: 5_000 });
  await until(`viewer ${slot} in the room "${name}"`, async () => (await item.getAttribute('aria-selected')) === 'true');
  await appear(list(page, slot).and(page.locator('[data-state="ready"]')), `viewer ${slot}'s list of "${name}"`, 5_000);
}

/** The playground's address with the simulated people paused. */
const address = (origin, query) => `${origin}/?sim=paused&${query}`;

// ---- the cases ---------------------------------------------------------------------------------

/** 1. A sends and B sees it within a second; B's typing shows for A and goes; B reads and A sees it. */
async function talk(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');

  // Timed in the page: from A's Enter (keydown) to the row showing in B's list.
  const hello = token('hello');
  await input(page, 'a').fill(`Hello Bo ${hello}`);
  await page.evaluate((text) => {
    const field = document.querySelector('[data-testid="viewer-a"] .confab-chat-room .confab-composer-input');
    field.addEventListener('keydown', () => (window.__e2eSentAt = performance.now()), { capture: true, once: true });
    const target = document.querySelector('[data-testid="viewer-b"] .confab-chat-room .confab-message-list');
    const seen = () => [...target.querySelectorAll('.confab-message')].some((row) => row.textContent.includes(text));
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      window.__e2eSeenAt = performance.now();
      observer.disconnect();
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
  }, hello);
  await input(page, 'a').press('Enter');
  await appear(rows(page, 'b', hello), 'A\'s message in B\'s list', 1_000);
  const latency = await until('the delivery time', () => page.evaluate(() => window.__e2eSeenAt !== undefined && window.__e2eSeenAt - window.__e2eSentAt), 1_000);
  t.note(`B saw A's message ${latency.toFixed(0)} ms after A pressed Enter`);
  check(latency <= 1_000, `B saw A's message ${latency.toFixed(0)} ms after A pressed Enter (allowed 1000)`);

  const typing = roomPane(page, 'a').locator('.confab-typing-indicator[data-state="typing"]', { hasText: 'Bo Svensson' });
  const typingGone = async (how) => {
    await until(`A's typing indicator to go (${how})`, async () => (await typing.count()) === 0, 3_000);
    check((await roomPane(page, 'a').locator('.confab-typing-indicator[data-state="typing"]').count()) === 0, `someone still shows as typing for A (${how})`);
  };
  // Typing, then clearing the text.
  await input(page, 'b').fill('I am typing something');
  await appear(typing, '"Bo Svensson is typing" for A');
  await input(page, 'b').fill('');
  await typingGone('B cleared the text');
  // Typing, then leaving the composer.
  await input(page, 'b').fill('typing again');
  await appear(typing, '"Bo Svensson is typing" for A (second time)');
  await input(page, 'b').blur();
  await typingGone('B left the composer');
  // Typing, then sending.
  const reply = token('reply');
  await input(page, 'b').fill(`Hi Ana ${reply}`);
  await appear(typing, '"Bo Svensson is typing" for A (third time)');
  await input(page, 'b').press('Enter');
  await appear(rows(page, 'a', reply), 'B\'s reply for A');
  await typingGone('B sent');

  // B reads: A writes in their direct room while B is elsewhere, then B opens it.
  await openRoom(page, 'a', 'Bo Svensson');
  const unread = token('unread');
  await send(page, 'a', `Are you there, Bo? ${unread}`);
  const sequence = await sequenceOf(page, 'a', unread);
  const ownRow = rowAt(page, 'a', sequence);
  // B's client is online: the message reaches it (two ticks, "delivered") but stays unread.
  await until('A\'s message to show "delivered"', async () => (await ownRow.getAttribute('data-status')) === 'delivered', 3_000);
  await sleep(400);
  check((await ownRow.getAttribute('data-status')) === 'delivered', `A's message shows "${await ownRow.getAttribute('data-status')}" before B opened the room (expected "delivered")`);
  await openRoom(page, 'b', 'Ana Lima');
  await appear(rows(page, 'b', unread), 'A\'s direct message for B');
  await until('A\'s message to show "read"', async () => (await ownRow.getAttribute('data-status')) === 'read', 3_000);
  const receipt = list(page, 'a').locator('.confab-message-row', { has: page.locator(`.confab-message[data-sequence="${sequence}"]`) }).locator('.confab-read-receipts');
  await appear(receipt, 'the read receipt under A\'s message');
  const label = await receipt.getAttribute('aria-label');
  check(label?.includes('Bo Svensson'), `the read receipt under A's message says "${label}" (expected Bo Svensson)`);
  t.note(`receipt: "${label}"`);
}

/** 2. An image: thumbnail and progress while uploading, then both see it; the lightbox opens and closes with Escape. */
async function image(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');

  const png = makePng(16, 16);
  await roomPane(page, 'a').locator('input.confab-composer-file-input').setInputFiles({ name: 'e2e-pattern.png', mimeType: 'image/png', buffer: png });
  const chip = roomPane(page, 'a').locator('.confab-composer-attachment[data-kind="image"]');
  await appear(chip, 'the image chip in A\'s composer');
  // The memory upload adapter takes six steps of 150 ms: the progress bar shows meanwhile.
  const progress = chip.locator('progress.confab-composer-attachment-progress');
  await appear(progress, 'the upload progress bar', 1_000);
  const seen = new Set();
  await until('the upload to finish', async () => {
    const value = await progress.getAttribute('value', { timeout: 200 }).catch(() => null);
    if (value !== null) seen.add(Number(value));
    return (await chip.getAttribute('data-status')) === 'done';
  }, 5_000, 30);
  t.note(`progress values seen: ${[...seen].join(', ')}`);
  const thumbnail = chip.locator('img.confab-composer-attachment-thumbnail');
  await until('the thumbnail to decode', () => thumbnail.evaluate((img) => img.complete && img.naturalWidth === 16), 2_000);

  const caption = token('picture');
  await send(page, 'a', `A picture ${caption}`);
  for (const slot of ['a', 'b']) {
    const picture = rows(page, slot, caption).locator('.confab-attachment[data-kind="image"] img.confab-attachment-image');
    await appear(picture, `the image in viewer ${slot}'s message`, 3_000);
    await until(`viewer ${slot}'s image to load`, () => picture.evaluate((img) => img.complete && img.naturalWidth === 16), 3_000);
  }
  await until('the composer to let go of the sent image', async () => (await chip.count()) === 0, 2_000);

  // B opens the lightbox by clicking the image and closes it with Escape.
  const opener = rows(page, 'b', caption).locator('.confab-attachment-image-button');
  await opener.click();
  const lightbox = page.locator('.confab-lightbox[role="dialog"]');
  await appear(lightbox, 'the lightbox');
  const full = lightbox.locator('img.confab-lightbox-image');
  await until('the lightbox image to load', () => full.evaluate((img) => img.complete && img.naturalWidth === 16), 2_000);
  check((await lightbox.getAttribute('aria-label')) === 'e2e-pattern.png', `the lightbox is named "${await lightbox.getAttribute('aria-label')}"`);
  await page.keyboard.press('Escape');
  await until('the lightbox to close on Escape', async () => (await lightbox.count()) === 0, 2_000);
  check(await opener.evaluate((button) => document.activeElement === button), 'focus did not return to the image after the lightbox closed');
}

/** 3. Emoji picker loaded on demand; a reaction toggles for both; a thread reply's count; edit and delete for both. */
async function emojiReactionsThreadEditDelete(t) {
  const chunks = emojiChunks();
  check(chunks.picker && chunks.data, `could not find the emoji-mart chunks in dist-playground/assets (picker ${chunks.picker}, data ${chunks.data})`);
  const requested = [];
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'), (page) => page.on('request', (request) => requested.push(request.url())));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');
  await sleep(300);
  const asked = (chunk) => requested.some((url) => url.endsWith(`/assets/${chunk}`));
  check(!asked(chunks.picker) && !asked(chunks.data), `the emoji-mart chunks were requested before the picker was opened: ${requested.filter((url) => url.includes('/assets/')).join(', ')}`);

  await roomPane(page, 'a').locator('.confab-composer-emoji').click();
  // The picker is portalled into the chat's root, outside the room pane (nothing there clips it).
  const picker = viewer(page, 'a').locator('.confab-emoji-picker');
  await appear(picker.and(page.locator('[data-state="ready"]')), 'the emoji picker, ready', 10_000);
  check(asked(chunks.picker), `the emoji-mart chunk (${chunks.picker}) was not requested when the picker opened`);
  check(asked(chunks.data), `the emoji data chunk (${chunks.data}) was not requested when the picker opened`);
  // emoji-mart's own element (open shadow root): its emoji are buttons named by the emoji.
  const firstEmoji = picker.locator('em-emoji-picker .category button').first();
  await appear(firstEmoji, 'an emoji in the picker', 5_000);
  const emoji = (await firstEmoji.getAttribute('aria-label')) ?? '';
  await firstEmoji.click();
  await until('the picker to close after a pick', async () => (await picker.count()) === 0, 2_000);
  const value = await input(page, 'a').inputValue();
  check(emoji !== '' && value.includes(emoji), `the picked emoji ${emoji} is not in the composer (it holds "${value}")`);
  t.note(`inserted ${emoji}`);

  const word = token('parts');
  await input(page, 'a').pressSequentially(` ${word}`);
  await input(page, 'a').press('Enter');
  const sequence = await sequenceOf(page, 'a', word);
  await appear(rows(page, 'b', word), 'A\'s message for B');
  check((await rows(page, 'b', word).textContent()).includes(emoji), 'B sees the message without the emoji');
  const mine = rowAt(page, 'a', sequence);
  const theirs = rowAt(page, 'b', sequence);

  // A reaction: A adds it, B sees the count; A takes it back, B sees it gone.
  await mine.hover();
  const quick = mine.locator('[data-action="react"]').first();
  const reaction = (await quick.textContent()).trim();
  await quick.click();
  const chipOf = (row) => row.locator('.confab-reaction', { hasText: reaction });
  await until(`B to see ${reaction} 1 on the message`, async () => (await chipOf(theirs).count()) === 1 && (await chipOf(theirs).locator('.confab-reaction-count').textContent()) === '1', 2_000);
  // Who reacted: the chip's title (its description), or its name where that carries it.
  const chip = chipOf(theirs);
  const reactionLabel = `${(await chip.getAttribute('title')) ?? ''} ${(await chip.getAttribute('aria-label')) ?? ''}`.trim();
  check(reactionLabel.includes('Ana Lima'), `B's reaction chip says "${reactionLabel}" (expected Ana Lima)`);
  await chipOf(mine).and(page.locator('[data-own]')).click();
  await until(`B to see ${reaction} gone`, async () => (await theirs.locator('.confab-reaction').count()) === 0, 2_000);
  await until(`A to see ${reaction} gone`, async () => (await mine.locator('.confab-reaction').count()) === 0, 2_000);

  // A thread reply: its count shows on the parent for both.
  await mine.hover();
  await mine.locator('[data-action="thread"]').click();
  const panel = viewer(page, 'a').locator('.confab-thread-panel');
  await appear(panel, 'the thread panel');
  const threadReply = token('thread');
  await panel.locator('.confab-composer-input').fill(`In the thread ${threadReply}`);
  await panel.locator('.confab-composer-input').press('Enter');
  await appear(panel.locator('.confab-message', { hasText: threadReply }).and(page.locator('[data-status]:not([data-status="sending"])')), 'the confirmed reply in the thread panel');
  const replyCount = async (slot, row) =>
    until(`viewer ${slot} to see "1 reply" on the parent`, async () => ((await row.locator('.confab-message-replies').textContent({ timeout: 200 }).catch(() => '')) ?? '').trim() === '1 reply', 2_000);
  await replyCount('a', mine);
  await replyCount('b', theirs);
  const wasAtBottom = (await list(page, 'a').getAttribute('data-at-bottom')) !== null;
  await panel.locator('.confab-thread-panel-close').click();
  await until('the thread panel to close', async () => (await panel.count()) === 0, 2_000);
  await sleep(200);
  // Seen here (not what this case tests): the list narrowed by the open thread loses the bottom
  // when it widens again. Noted, then the list is brought back down.
  if (wasAtBottom && (await list(page, 'a').getAttribute('data-at-bottom')) === null) t.note('A\'s list was at the bottom with the thread open and is not after closing it (UI: list width change loses the bottom)');
  await toBottom(page, 'a');
  await replyCount('a', mine);

  // Edit: the new text and the edited mark, for both.
  const edited = token('edited');
  await mine.hover();
  await mine.locator('[data-action="edit"]').click();
  await appear(roomPane(page, 'a').locator('.confab-composer[data-mode="edit"]'), 'the composer in edit mode');
  await input(page, 'a').fill(`Changed my mind ${edited}`);
  await input(page, 'a').press('Enter');
  for (const [slot, row] of [['a', mine], ['b', theirs]]) {
    await until(`viewer ${slot} to see the edit`, async () => (await row.getAttribute('data-edited')) !== null && (await row.textContent()).includes(edited), 2_000);
    check(await row.locator('.confab-message-edited').isVisible(), `viewer ${slot} shows no "(edited)" mark`);
  }

  // Delete (two presses: Delete, then Confirm): a tombstone for both.
  await mine.hover();
  await mine.locator('[data-action="delete"]').click();
  await mine.locator('[data-action="delete"][data-confirming]').click();
  for (const [slot, row] of [['a', mine], ['b', theirs]]) {
    await until(`viewer ${slot} to see the tombstone`, async () => (await row.getAttribute('data-deleted')) !== null, 2_000);
    check(await row.locator('.confab-message-tombstone').isVisible(), `viewer ${slot} shows no tombstone`);
    check(!(await row.textContent()).includes(edited), `viewer ${slot} still shows the deleted text`);
  }
}

/** 4. Offline: a send shows "sending", goes out once on reconnect, and is never shown twice. */
async function offline(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');
  const word = token('offline');
  // Count the rows carrying the text in each view on every frame, from before the send to the end.
  await page.evaluate((text) => {
    const most = { a: 0, b: 0 };
    const count = (slot) =>
      [...document.querySelectorAll(`[data-testid="viewer-${slot}"] .confab-chat-room .confab-message-list .confab-message`)].filter((row) => row.textContent.includes(text)).length;
    const frame = () => {
      for (const slot of ['a', 'b']) most[slot] = Math.max(most[slot], count(slot));
      window.__e2eRowCount = { ...most, frames: (window.__e2eRowCount?.frames ?? 0) + 1 };
      if (!window.__e2eStopCounting) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, word);

  await page.getByTestId('offline-switch-a').check();
  await until('A to be offline', async () => (await page.getByTestId('status-a').getAttribute('data-state')) !== 'online', 2_000);
  await send(page, 'a', `Sent while offline ${word}`);
  const pendingRow = rows(page, 'a', word);
  await until('A\'s row to show "sending"', async () => (await pendingRow.count()) === 1 && (await pendingRow.getAttribute('data-status')) === 'sending', 2_000);
  check((await pendingRow.getAttribute('data-sequence')) === null, 'the message has a sequence while offline');
  await until('the outbox to hold it', async () => (await page.getByTestId('outbox-a').getAttribute('data-count')) === '1', 2_000);
  check((await page.getByTestId('outbox-a').getByTestId('outbox-item').getAttribute('data-status')) === 'sending', 'the outbox item is not "sending"');
  await sleep(800);
  check((await pendingRow.getAttribute('data-status')) === 'sending', `after 800 ms offline A's row shows "${await pendingRow.getAttribute('data-status')}"`);
  check((await rows(page, 'b', word).count()) === 0, 'B sees the message while A is offline');

  await page.getByTestId('offline-switch-a').uncheck();
  await until('A to be online again', async () => (await page.getByTestId('status-a').getAttribute('data-state')) === 'online', 5_000);
  const sequence = await sequenceOf(page, 'a', word, 5_000);
  await until('the outbox to empty', async () => (await page.getByTestId('outbox-a').getAttribute('data-count')) === '0', 3_000);
  await appear(rows(page, 'b', word), 'the message for B after A reconnected', 3_000);
  check(['sent', 'read'].includes(await rowAt(page, 'a', sequence).getAttribute('data-status')), 'A\'s message is not "sent" after reconnecting');
  await sleep(1_000);
  const seen = await page.evaluate(() => {
    window.__e2eStopCounting = true;
    return window.__e2eRowCount;
  });
  t.note(`most rows with the text on one frame: A ${seen.a}, B ${seen.b} (over ${seen.frames} frames)`);
  check(seen.a === 1 && seen.b === 1, `the message showed ${seen.a} time(s) for A and ${seen.b} for B at once (expected exactly 1)`);
  check((await rows(page, 'a', word).count()) === 1 && (await rows(page, 'b', word).count()) === 1, 'the message is not shown exactly once in each view at the end');
  // Went out once: the server holds it once.
  const stored = await page.evaluate((text) => {
    const { server } = window.confabPlayground.world;
    const history = server.actAs('ana', { type: 'message.history', roomId: 'general', limit: 50 });
    return history.ok ? history.value.messages.filter((message) => message.text.includes(text)).map((message) => message.sequence) : [`error ${history.error.message}`];
  }, word);
  check(stored.length === 1 && stored[0] === sequence, `the server holds the message ${stored.length} time(s) (${stored.join(', ')})`);
}

/** 5. Loading older history keeps the first visible message where it was (within 2 px), twice. */
async function history(t) {
  const page = await t.open(address(t.origin, 'view=one&a=ana'), undefined, { width: 1280, height: 800 });
  await ready(page, ['a']);
  await until('the test handle of viewer a', () => page.evaluate(() => Boolean(window.confabPlayground?.viewers?.a?.client)), 5_000);
  const lastSequence = await page.evaluate(() => window.confabPlayground.world.server.getRoom('general').lastSequence);
  check(lastSequence > 2_000, `#general holds only ${lastSequence} messages`);
  for (let round = 1; round <= 2; round++) {
    const result = await page.evaluate(
      (timeoutMs) =>
        new Promise((done) => {
          const scroller = document.querySelector('[data-testid="viewer-a"] .confab-chat-room [data-testid="virtuoso-scroller"]');
          const store = window.confabPlayground.viewers.a.client.store;
          const oldest = () => store.getState().timelines.general?.messages.firstKey() ?? Infinity;
          const firstVisible = () => {
            const box = scroller.getBoundingClientRect();
            for (const row of scroller.querySelectorAll('[data-sequence]')) {
              const r = row.getBoundingClientRect();
              if (r.height > 0 && r.bottom > box.top + 1 && r.top < box.bottom) return { sequence: row.dataset.sequence, top: r.top };
            }
            return null;
          };
          let startOldest;
          let startHeight;
          // The first message seen at the top and the last one painted before the older page came
          // in: both must stay where they were once it is in.
          let first = null;
          let last = null;
          let deadline;
          let scrolledAt;
          let rescrolled = 0;
          const scrollToTop = () => {
            first = null;
            last = null;
            scrolledAt = performance.now();
            scroller.scrollTop = 0;
          };
          // The list places itself when it opens (at the unread line or the bottom): scroll only
          // once its position has held for ten frames, or it may put itself back afterwards.
          let still = 0;
          let previous = -1;
          const settleFirst = () => {
            still = scroller.scrollTop === previous ? still + 1 : 0;
            previous = scroller.scrollTop;
            if (still < 10 && performance.now() < deadline) return requestAnimationFrame(settleFirst);
            startOldest = oldest();
            startHeight = scroller.scrollHeight;
            deadline = performance.now() + timeoutMs;
            scrollToTop();
            requestAnimationFrame(frame);
          };
          deadline = performance.now() + 3_000;
          const frame = () => {
            if (oldest() >= startOldest) {
              // Put back down by the list before anything loaded: scroll up again, as a reader would.
              if (scroller.scrollTop > 4 && performance.now() - scrolledAt > 1_000) {
                rescrolled++;
                scrollToTop();
                return requestAnimationFrame(frame);
              }
              const seen = firstVisible();
              if (seen) {
                first ??= seen;
                last = seen;
              }
              if (performance.now() > deadline) return done({ error: `no older history was loaded within ${timeoutMs} ms of scrolling to the top (oldest held #${startOldest}, scrolled up ${rescrolled + 1} time(s), scrollTop ${scroller.scrollTop})` });
              return requestAnimationFrame(frame);
            }
            let frames = 0;
            const settle = () => {
              if (++frames < 6) return requestAnimationFrame(settle);
              if (!first || !last) return done({ error: 'older messages arrived before any row was seen at the top' });
              const at = (seen) => scroller.querySelector(`[data-sequence="${seen.sequence}"]`)?.getBoundingClientRect().top ?? null;
              done({ first, last, firstAfter: at(first), lastAfter: at(last), startOldest, oldest: oldest(), grewBy: scroller.scrollHeight - startHeight, rescrolled });
            };
            requestAnimationFrame(settle);
          };
          requestAnimationFrame(settleFirst);
        }),
      8_000,
    );
    if (result.error) throw new Failure(`round ${round}: ${result.error}`);
    t.log.push(`[history] round ${round}: ${JSON.stringify(result)}`);
    if (result.rescrolled > 0) t.note(`round ${round}: the list put itself back down ${result.rescrolled} time(s) after the scroll to the top; scrolled up again`);
    for (const [label, seen, after] of [
      ['first seen', result.first, result.firstAfter],
      ['last painted', result.last, result.lastAfter],
    ]) {
      check(after !== null, `round ${round}: message #${seen.sequence} (${label} before the load) left the DOM`);
      const moved = after - seen.top;
      t.note(`round ${round}: ${label} #${seen.sequence} moved ${moved.toFixed(2)} px (oldest held #${result.startOldest} → #${result.oldest}, list grew ${result.grewBy} px)`);
      check(Math.abs(moved) <= 2, `round ${round}: the ${label} message #${seen.sequence} moved ${moved.toFixed(1)} px (allowed 2)`);
    }
    await sleep(300);
  }
}

/** The hostile texts of case 6. Each would set window.__confabPwned or open a dialog if it ran. */
const HOSTILE = [
  `<script>window.__confabPwned = 'script'; alert('script')</script>`,
  `<img src=x onerror="window.__confabPwned = 'img'; alert('img')">`,
  `"><img src=x onerror=alert(1)>`,
  `<a href="javascript:window.__confabPwned = 'anchor'">click me</a>`,
  `[click me](javascript:window.__confabPwned='markdown')`,
  `javascript:window.__confabPwned='bare'`,
  `<svg onload="window.__confabPwned = 'svg'"></svg><iframe src="javascript:alert('iframe')"></iframe>`,
  `\u202Egnp.exe\u202C invoice and \u2067isolated\u2069 and \u202Dforced`,
];

/** 6. Hostile messages sent through the composer render as text: no dialog, no script, no javascript: link, no img. */
async function hostile(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');
  const marks = [];
  for (const payload of HOSTILE) {
    const mark = token('hostile');
    marks.push([mark, payload]);
    await input(page, 'a').fill(`${payload} ${mark}`);
    // The Send button, not Enter: an autocomplete list could take Enter.
    await roomPane(page, 'a').locator('.confab-composer-send').click();
    await sequenceOf(page, 'a', mark);
    await appear(rows(page, 'b', mark), 'a hostile message for B');
    await toBottom(page, 'b');
  }
  await sleep(300);
  check((await page.evaluate(() => window.__confabPwned)) === undefined, `an injected script ran (window.__confabPwned = ${await page.evaluate(() => String(window.__confabPwned))})`);
  const findings = await page.evaluate(() => {
    const problems = [];
    const chat = document.querySelectorAll('.confab-chat');
    for (const element of [...chat].flatMap((node) => [...node.querySelectorAll('*')])) {
      for (const attribute of element.attributes) if (/^on/i.test(attribute.name)) problems.push(`<${element.localName}> has an inline ${attribute.name}`);
      if (['script', 'iframe', 'object', 'embed'].includes(element.localName)) problems.push(`a <${element.localName}> is in the chat`);
    }
    for (const link of document.querySelectorAll('a[href]')) {
      const href = link.getAttribute('href') ?? '';
      if (/^\s*javascript:/i.test(href)) problems.push(`a javascript: link: ${href.slice(0, 60)}`);
    }
    for (const text of document.querySelectorAll('.confab-message-text')) {
      for (const img of text.querySelectorAll('img, svg')) problems.push(`an injected <${img.localName}> in a message (${img.outerHTML.slice(0, 80)})`);
      for (const link of text.querySelectorAll('a[href]')) {
        const scheme = new URL(link.getAttribute('href'), document.baseURI).protocol;
        if (!['http:', 'https:', 'mailto:'].includes(scheme)) problems.push(`a ${scheme} link in a message`);
      }
    }
    return problems.slice(0, 10);
  });
  check(findings.length === 0, findings.join('; '));
  // Rendered as text: each view shows the payload's characters as they were typed.
  for (const slot of ['a', 'b']) {
    for (const [mark, payload] of marks) {
      const text = rows(page, slot, mark).locator('.confab-message-text');
      const shown = (await text.textContent()) ?? '';
      check(shown.includes(payload), `viewer ${slot} shows ${JSON.stringify(shown.slice(0, 90))} for ${JSON.stringify(payload.slice(0, 60))}`);
    }
  }
  // Bidi overrides stay inside the message: its text is isolated, the author's name reads as it is.
  const [bidiMark] = marks.at(-1);
  for (const slot of ['a', 'b']) {
    const row = rows(page, slot, bidiMark);
    const bidi = await row.locator('.confab-message-text').evaluate((element) => getComputedStyle(element).unicodeBidi);
    check(['isolate', 'plaintext', 'isolate-override'].includes(bidi), `viewer ${slot}: the message text has unicode-bidi: ${bidi} (an override could leak out)`);
  }
}

/** 7. Two browser contexts, two people, the Node host over a real WebSocket: messages pass both ways. */
async function websocket(t) {
  const { tsImport } = await import('tsx/esm/api');
  const { createHost } = await tsImport('../../src/host/index.ts', import.meta.url);
  const host = createHost({ dev: true, port: 0, allowedOrigins: [t.origin], onError: (error) => t.log.push(`[host] ${error?.stack ?? error}`) });
  t.cleanup.push(() => host.close());
  const { port } = await host.listen();
  const hostOrigin = `http://127.0.0.1:${port}`;
  t.allow.push(hostOrigin);
  t.note(`host on ${hostOrigin}`);

  const people = [
    ['ana', 'Ana'],
    ['bo', 'Bo'],
  ];
  const pages = [];
  for (const [person] of people) {
    const context = await t.newContext();
    const page = await t.open(address(t.origin, `view=one&a=${person}&host=${encodeURIComponent(hostOrigin)}`), undefined, undefined, context);
    await ready(page, ['a']);
    await page.getByTestId('transport-switch').selectOption('websocket');
    await until(`${person} on the Node host`, async () => {
      const badge = page.getByTestId('status-a');
      return (await badge.getAttribute('data-state')) === 'online' && (await badge.textContent()).includes('Node host');
    }, 10_000);
    await appear(list(page, 'a').and(page.locator('[data-state="ready"]')), `${person}'s list on the host`, 5_000);
    pages.push(page);
  }
  await until('both people connected to the host', () => host.connectionCount === 2, 5_000);
  const [ana, bo] = pages;
  for (const page of pages) await toBottom(page, 'a');

  const there = token('there');
  await send(ana, 'a', `Over the socket ${there}`);
  await appear(rows(bo, 'a', there), 'Ana\'s message for Bo over the WebSocket', 3_000);
  const back = token('back');
  await send(bo, 'a', `And back ${back}`);
  await appear(rows(ana, 'a', back), 'Bo\'s message for Ana over the WebSocket', 3_000);
  const authors = await Promise.all([
    rows(bo, 'a', there).getAttribute('data-author-id'),
    rows(ana, 'a', back).getAttribute('data-author-id'),
  ]);
  check(authors[0] === 'ana' && authors[1] === 'bo', `authors as received: ${authors.join(', ')} (expected ana, bo)`);
  const stored = await host.server.actAs('ana', { type: 'message.history', roomId: 'general', limit: 20 });
  const texts = stored.ok ? stored.value.messages.map((message) => message.text) : [];
  check(texts.filter((text) => text.includes(there)).length === 1 && texts.filter((text) => text.includes(back)).length === 1, 'the host does not hold each message exactly once');

  // An image over the host: uploaded with Ana's token, shown to Bo through a signed link (an <img>
  // sends no token), and still shown after Bo leaves the room and comes back.
  await roomPane(ana, 'a').locator('input.confab-composer-file-input').setInputFiles({ name: 'e2e-host.png', mimeType: 'image/png', buffer: makePng(16, 16) });
  await appear(roomPane(ana, 'a').locator('.confab-composer-attachment[data-status="done"]'), 'the upload to the host to finish', 5_000);
  const caption = token('hostpicture');
  await send(ana, 'a', `A picture over the host ${caption}`);
  const picture = (page) => rows(page, 'a', caption).locator('.confab-attachment[data-kind="image"] img.confab-attachment-image');
  const loaded = (page, who) => until(`${who}'s image from the host to load`, () => picture(page).evaluate((img) => img.complete && img.naturalWidth === 16).catch(() => false), 5_000);
  await loaded(ana, 'Ana');
  await loaded(bo, 'Bo');
  const link = new URL(await picture(bo).getAttribute('src'));
  check(link.origin === hostOrigin && link.searchParams.has('signature'), `Bo's image comes from ${link.origin}${link.pathname} without a signed link`);
  // #random is empty on a fresh host (its pane shows an empty state, not a list).
  await viewer(bo, 'a').locator('.confab-room-list-item', { hasText: 'random' }).click();
  await until('Bo in #random', async () => (await roomPane(bo, 'a').locator('.confab-room-header-name').textContent()) === 'random', 3_000);
  await openRoom(bo, 'a', 'general');
  await toBottom(bo, 'a');
  await loaded(bo, 'Bo (after switching rooms)');
}

/** 8. Focus lands in the new room's composer after creating a room and after opening a direct message. */
async function focusAfterDialogs(t) {
  const page = await t.open(address(t.origin, 'view=one&a=ana'));
  await ready(page, ['a']);
  const sidebar = viewer(page, 'a').locator('.confab-chat-sidebar');
  const headerName = roomPane(page, 'a').locator('.confab-room-header-name');
  const composerFocused = () => input(page, 'a').evaluate((element) => document.activeElement === element);

  await sidebar.locator('[data-action="create-room"]').click();
  const create = page.getByRole('dialog', { name: 'Create a room' });
  await appear(create, 'the create-room dialog');
  const name = token('room');
  await create.getByLabel('Room name').fill(name);
  await create.getByRole('button', { name: 'Create' }).click();
  await until('the new room to open', async () => (await headerName.textContent()) === name, 3_000);
  await until('focus in the new room\'s composer', composerFocused, 2_000);
  // Typing goes into the composer; a space does not reopen the dialog.
  await page.keyboard.type(' hello');
  check((await page.getByRole('dialog').count()) === 0, 'typing after creating the room opened a dialog');
  check((await input(page, 'a').inputValue()) === ' hello', `the composer holds "${await input(page, 'a').inputValue()}" (expected " hello")`);

  await sidebar.locator('[data-action="direct-message"]').click();
  const people = page.getByRole('dialog', { name: 'Message someone' });
  await appear(people, 'the people dialog');
  await people.getByRole('combobox').fill('Kofi');
  await people.getByRole('combobox').press('Enter');
  await until('the direct room with Kofi to open', async () => (await headerName.textContent()) === 'Kofi Mensah', 3_000);
  await until('focus in the direct room\'s composer', composerFocused, 2_000);
  await page.keyboard.type(' hi');
  check((await page.getByRole('dialog').count()) === 0, 'typing after opening the direct room opened a dialog');
  check((await input(page, 'a').inputValue()).endsWith(' hi'), 'the typed text did not reach the direct room\'s composer');
}

/** 9. The playground's own controls: a bar that keeps its shape, a compact network panel that tells the real state. */
async function playgroundControls(t) {
  const page = await t.open(address(t.origin, 'view=one&a=ana'), undefined, { width: 1280, height: 800 });
  await ready(page, ['a']);
  const bar = page.locator('.pg-bar');
  const pause = page.getByTestId('sim-pause');
  const measure = async () => ({ bar: (await bar.boundingBox()).height, button: (await pause.boundingBox()).width });
  const before = await measure();
  check(before.bar < 70, `the control bar is ${before.bar.toFixed(0)} px tall at 1280 px: it wrapped`);
  await pause.click();
  await until('the simulation to run', async () => (await pause.getAttribute('data-state')) === 'running', 2_000);
  const running = await measure();
  await pause.click();
  await until('the simulation to pause', async () => (await pause.getAttribute('data-state')) === 'paused', 2_000);
  check(running.bar === before.bar && running.button === before.button, `Pause/Resume moved the bar: ${JSON.stringify({ before, running })}`);

  const network = page.getByTestId('network-a');
  const compact = (await network.boundingBox()).height;
  check(compact <= 48, `the network panel takes ${compact.toFixed(0)} px by default (expected one line)`);
  check(!(await page.getByTestId('outbox-a').isVisible()), 'the outbox shows before the panel is expanded');
  await page.getByTestId('network-toggle-a').click();
  await appear(page.getByTestId('outbox-a'), 'the outbox after expanding the network panel');
  check((await page.getByTestId('network-toggle-a').getAttribute('aria-expanded')) === 'true', 'the network toggle does not say it is expanded');

  const state = page.getByTestId('network-state-a');
  check((await state.textContent()) === 'online', `the network header says "${await state.textContent()}" while online`);
  await page.getByTestId('offline-switch-a').check();
  await until('the network header to leave "online"', async () => (await state.getAttribute('data-state')) !== 'online', 2_000);
  const shown = await state.textContent();
  const status = await page.getByTestId('status-a').getAttribute('data-state');
  check(shown === status, `the network header says "${shown}" while the client is "${status}"`);
  await page.getByTestId('offline-switch-a').uncheck();
  await until('the network header to say "online" again', async () => (await state.textContent()) === 'online', 3_000);
}

/** 10. With the Node host: the simulation controls rest and say why, the choice survives a reload, a dropped host shows as reconnecting. */
async function hostControls(t) {
  const { tsImport } = await import('tsx/esm/api');
  const { createHost } = await tsImport('../../src/host/index.ts', import.meta.url);
  const host = createHost({ dev: true, port: 0, allowedOrigins: [t.origin], onError: (error) => t.log.push(`[host] ${error?.stack ?? error}`) });
  t.cleanup.push(() => host.close());
  const { port } = await host.listen();
  const hostOrigin = `http://127.0.0.1:${port}`;
  t.allow.push(hostOrigin);

  const page = await t.open(address(t.origin, `view=one&a=ana&host=${encodeURIComponent(hostOrigin)}`), undefined, { width: 1280, height: 800 });
  await ready(page, ['a']);
  const onHost = async () => {
    const badge = page.getByTestId('status-a');
    return (await badge.getAttribute('data-state')) === 'online' && (await badge.textContent()).includes('Node host');
  };
  check(!(await page.getByTestId('sim-pause').isDisabled()), 'the simulation controls are disabled on the in-page server');
  check((await page.getByTestId('sim-idle-reason').count()) === 0, 'the simulation says it rests on the in-page server');

  await page.getByTestId('transport-switch').selectOption('websocket');
  await until('the viewer on the Node host', onHost, 10_000);
  for (const id of ['sim-pause', 'sim-pace', 'burst']) check(await page.getByTestId(id).isDisabled(), `${id} is enabled on the Node host, where it does nothing`);
  const reason = page.getByTestId('sim-idle-reason');
  check(await reason.isVisible(), 'no visible reason for the disabled simulation controls');
  check((await reason.textContent()).includes('Node host'), `the reason reads "${await reason.textContent()}"`);
  check(page.url().includes('transport=websocket'), `the address does not keep the server: ${page.url()}`);

  await page.reload({ waitUntil: 'load' });
  await until('the viewer back on the Node host after a reload', onHost, 10_000);
  check((await page.getByTestId('transport-switch').inputValue()) === 'websocket', 'the server switch forgot the Node host after a reload');

  const state = page.getByTestId('network-state-a');
  await host.close();
  await until('the network header to say "reconnecting"', async () => (await state.textContent()) === 'reconnecting', 5_000);
  check((await page.getByTestId('status-a').getAttribute('data-state')) === 'reconnecting', 'the client is not reconnecting');
  // The browser itself logs each refused reconnect attempt to the stopped host: expected here, and
  // only here. The page closes so that no more come, and those are set aside.
  await page.close();
  const refused = t.problems.filter((problem) => problem.includes('console error:') && problem.includes('net::ERR_CONNECTION_REFUSED'));
  for (const problem of refused) t.problems.splice(t.problems.indexOf(problem), 1);
  t.note(`${refused.length} refused reconnect attempt(s) to the stopped host, as expected`);
}

/** 12. The room list keeps its order while the pointer is over it, and reorders when the pointer leaves. */
async function steadyRoomOrder(t) {
  const page = await t.open(address(t.origin, 'view=one&a=ana'), undefined, { width: 1280, height: 800 });
  await ready(page, ['a']);
  const sidebar = viewer(page, 'a').locator('.confab-chat-sidebar');
  const order = () => sidebar.locator('.confab-room-list-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-room-id')));
  const before = await order();
  const last = before[before.length - 1];
  // Aim at the last room, and let someone write there meanwhile: it is now the most recent.
  await sidebar.locator(`.confab-room-list-item[data-room-id="${last}"]`).hover();
  await page.evaluate((roomId) => {
    const { server } = window.confabPlayground.world;
    const author = server.getRoom(roomId).members.find((member) => member.userId !== 'ana').userId;
    const sent = server.actAs(author, { type: 'message.send', roomId, clientId: `e2e-steady-${Date.now()}`, text: 'A message while Ana aims at the list' });
    if (!sent.ok) throw new Error(sent.error.message);
  }, last);
  await until('the new message in the room list', async () => (await sidebar.locator(`.confab-room-list-item[data-room-id="${last}"] .confab-room-list-item-preview`).textContent()).includes('while Ana aims'), 3_000);
  const held = await order();
  check(JSON.stringify(held) === JSON.stringify(before), `the list moved under the pointer: ${held.join(', ')} (was ${before.join(', ')})`);
  await page.mouse.move(900, 400);
  await until('the list to reorder once the pointer left', async () => (await order())[0] === last, 2_000);
}

/** WCAG contrast of two sRGB colours given as [r, g, b] in 0–255. */
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** 11. The lightbox hides the page behind a near-opaque scrim and its caption reads clearly, in the light and the dark theme. */
async function lightboxLegibility(t) {
  const page = await t.open(address(t.origin, 'view=one&a=ana&theme=light'));
  await ready(page, ['a']);
  await toBottom(page, 'a');
  await roomPane(page, 'a').locator('input.confab-composer-file-input').setInputFiles({ name: 'e2e-legible.png', mimeType: 'image/png', buffer: makePng(16, 16) });
  await appear(roomPane(page, 'a').locator('.confab-composer-attachment[data-status="done"]'), 'the uploaded picture in the composer', 5_000);
  const caption = token('legible');
  await send(page, 'a', `Legible ${caption}`);
  const opener = rows(page, 'a', caption).locator('.confab-attachment-image-button');
  await appear(opener, 'the picture in the message', 3_000);
  const lightbox = page.locator('.confab-lightbox[role="dialog"]');
  for (const theme of ['light', 'dark']) {
    await page.getByTestId('theme').selectOption(theme);
    await opener.click();
    await appear(lightbox, `the lightbox (${theme})`);
    const seen = await lightbox.evaluate((element) => {
      const numbers = (color) => color.match(/[\d.]+/g).map(Number);
      return {
        scrim: numbers(getComputedStyle(element).backgroundColor),
        ink: numbers(getComputedStyle(element.querySelector('.confab-lightbox-name')).color),
        link: numbers(getComputedStyle(element.querySelector('.confab-lightbox-download')).color),
      };
    });
    const [r, g, b, alpha = 1] = seen.scrim;
    check(alpha >= 0.8, `${theme}: the scrim lets ${Math.round((1 - alpha) * 100)}% of the page through (at most 20%)`);
    // The worst case is the scrim over a white page.
    const over = [r, g, b].map((channel) => alpha * channel + (1 - alpha) * 255);
    for (const [what, ink] of [['caption', seen.ink], ['download link', seen.link]]) {
      const ratio = contrast(ink.slice(0, 3), over);
      check(ratio >= 7, `${theme}: the ${what} has a contrast of ${ratio.toFixed(1)}:1 on the scrim (at least 7:1)`);
    }
    await page.keyboard.press('Escape');
    await until(`the lightbox to close (${theme})`, async () => (await lightbox.count()) === 0, 2_000);
  }
}

/** Link previews (#14): A sends a link, both see its preview (the playground's fake unfurler); A removes it, it goes for both. */
async function linkPreview(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');
  const marker = token('link');
  await send(page, 'a', `Notes ${marker}: https://wiki.example.test/release-checklist`);
  const cardOf = (slot) => rows(page, slot, marker).locator('.confab-link-preview');
  await appear(cardOf('b'), 'the preview card in B\'s list', 5_000);
  await appear(cardOf('a'), 'the preview card in A\'s list', 2_000);
  const title = cardOf('b').locator('a.confab-link-preview-title');
  check((await title.getAttribute('href')) === 'https://wiki.example.test/release-checklist', `the preview title links to ${await title.getAttribute('href')}`);
  check((await cardOf('b').locator('.confab-link-preview-remove').count()) === 0, 'B sees a remove button on A\'s preview');
  await cardOf('a').locator('.confab-link-preview-remove').click();
  await until('the preview to go for B', async () => (await cardOf('b').count()) === 0, 3_000);
  await until('the preview to go for A', async () => (await cardOf('a').count()) === 0, 3_000);
}

/** Slash commands and polls (#14): a bot's command from the suggestions, an unknown one refused, a poll voted on live. */
async function slashCommandsAndPolls(t) {
  const page = await t.open(address(t.origin, 'view=two&a=ana&b=bo'));
  await ready(page, ['a', 'b']);
  await toBottom(page, 'a');
  await toBottom(page, 'b');

  // The suggestions after "/" carry the dice bot's command with its help; Enter picks it.
  await input(page, 'a').fill('/ro');
  const suggestions = roomPane(page, 'a').getByRole('listbox', { name: 'Commands' });
  await appear(suggestions.getByRole('option', { name: /\/roll/ }), 'the /roll suggestion');
  await input(page, 'a').press('Enter');
  check((await input(page, 'a').inputValue()) === '/roll ', `picking /roll left "${await input(page, 'a').inputValue()}" in the composer`);
  await input(page, 'a').fill('/roll 20');
  await input(page, 'a').press('Enter');
  await appear(rows(page, 'b', 'rolled').filter({ hasText: '(d20)' }), 'the dice bot\'s answer in B\'s list', 3_000);

  // A mistyped command stays in the composer with the reason, and nothing reaches the room.
  await send(page, 'a', '/wether Lisbon');
  await appear(roomPane(page, 'a').locator('.confab-composer-error', { hasText: 'no command /wether' }), 'the unknown command\'s error');
  check((await input(page, 'a').inputValue()) === '/wether Lisbon', 'the mistyped command left the composer');
  check((await rows(page, 'b', 'wether').count()) === 0, 'the mistyped command reached the room');
  await input(page, 'a').fill('');

  // A poll from /poll: the form opens with the question; B votes and A sees the count move.
  const question = `Pizza or tacos ${token('poll')}?`;
  await send(page, 'a', `/poll ${question}`);
  const dialog = page.getByRole('dialog', { name: 'Create poll' });
  await appear(dialog, 'the Create poll dialog');
  await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Pizza');
  await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Tacos');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await until('the Create poll dialog to close', async () => {
    if ((await dialog.count()) === 0) return true;
    const refusal = dialog.getByRole('alert');
    if ((await refusal.count()) > 0) throw new Failure(`the poll was refused: ${await refusal.textContent()}`);
    return false;
  }, 3_000);
  const pollOf = (slot) => rows(page, slot, question).locator('.confab-poll');
  await appear(pollOf('b'), 'the poll in B\'s list', 3_000).catch(async (failure) => {
    const lastA = await list(page, 'a').locator('.confab-message').evaluateAll((found) => found.slice(-3).map((row) => row.textContent?.slice(0, 80)));
    const lastB = await list(page, 'b').locator('.confab-message').evaluateAll((found) => found.slice(-3).map((row) => row.textContent?.slice(0, 80)));
    throw new Failure(`${failure.message}; A's last rows: ${JSON.stringify(lastA)}; B's: ${JSON.stringify(lastB)}`);
  });
  await pollOf('b').getByRole('radio', { name: /Tacos/ }).check();
  await appear(pollOf('a').locator('.confab-poll-option', { hasText: 'Tacos' }).filter({ hasText: '100% · 1 vote' }), 'B\'s vote counted in A\'s poll', 3_000);
  check(await pollOf('b').getByRole('radio', { name: /Tacos/ }).isChecked(), 'B\'s own vote is not marked');
  check(!(await pollOf('a').getByRole('radio', { name: /Tacos/ }).isChecked()), 'B\'s vote shows as A\'s own');
}

const CASES = [
  ['talk', 'A sends, B sees it within 1 s; B types, A sees it and sees it go; B reads, A sees the receipt', talk],
  ['image', 'thumbnail and progress, both see the image, lightbox opens and closes with Escape', image],
  ['emoji-reactions-thread-edit-delete', 'emoji picker loads on demand; reaction toggles for both; thread reply count; edit and delete for both', emojiReactionsThreadEditDelete],
  ['offline', '"sending" while offline, goes out once on reconnect, never shown twice', offline],
  ['history', 'loading older messages keeps the first visible message within 2 px', history],
  ['hostile', 'hostile messages render as text: no dialog, no script, no javascript: link, no injected img', hostile],
  ['websocket', 'two contexts, two people, the Node host over a real WebSocket, both ways', websocket],
  ['focus', 'focus lands in the composer after creating a room and after opening a direct message', focusAfterDialogs],
  ['controls', 'the control bar keeps its shape; the network panel is compact and tells the real state', playgroundControls],
  ['host-controls', 'on the Node host the simulation rests and says why, the choice survives a reload, a drop shows as reconnecting', hostControls],
  ['lightbox', 'the lightbox hides the page behind a scrim and its caption reads clearly, in both themes', lightboxLegibility],
  ['steady-order', 'the room list holds its order under the pointer and reorders when it leaves', steadyRoomOrder],
  ['link-preview', 'a sent link gets its preview for both; the sender removes it, it goes for both', linkPreview],
  ['slash-poll', 'a bot command from the suggestions answers; an unknown command stays in the composer; a poll from /poll counts B\'s vote live for A', slashCommandsAndPolls],
];

// ---- the runner --------------------------------------------------------------------------------

async function runCase(browser, origin, [id, title, body]) {
  const name = `${id}: ${title}`;
  const started = Date.now();
  const t = {
    origin,
    allow: [origin],
    log: [],
    notes: [],
    problems: [],
    pages: [],
    contexts: [],
    cleanup: [],
    note: (text) => t.notes.push(text),
    async newContext(viewport = { width: 1600, height: 1000 }) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      t.contexts.push(context);
      // Nothing leaves this machine: only the static server, the case's host, data: and blob:.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (t.allow.some((allowed) => url.startsWith(`${allowed}/`)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        t.problems.push(`request left the machine's servers (blocked): ${url}`);
        return route.abort('blockedbyclient');
      });
      return context;
    },
    /** Opens a page in `context` (a new one by default), logging its console and failing on errors and dialogs. */
    async open(url, before, viewport, context) {
      context ??= await t.newContext(viewport);
      const page = await context.newPage();
      if (CPU_SLOWDOWN > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      const index = t.pages.push(page);
      const tag = t.pages.length > 1 || context !== t.contexts[0] ? `[page ${index}] ` : '';
      page.on('console', (message) => {
        t.log.push(`${tag}[${message.type()}] ${message.text()}`);
        if (message.type() === 'error') t.problems.push(`${tag}console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => {
        t.log.push(`${tag}[pageerror] ${error.stack ?? error.message}`);
        t.problems.push(`${tag}page error: ${error.message}`);
      });
      page.on('dialog', (dialog) => {
        t.problems.push(`${tag}a ${dialog.type()} dialog opened: ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
      });
      before?.(page);
      await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
      return page;
    },
  };
  let timer;
  try {
    await Promise.race([
      body(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Failure(`the case took longer than ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    t.problems.unshift(error instanceof Failure ? error.message : `${error?.message?.split('\n')[0] ?? String(error)}`);
    if (!(error instanceof Failure)) t.log.push(`[runner] ${error?.stack ?? error}`);
  } finally {
    clearTimeout(timer);
  }
  const ok = t.problems.length === 0;
  if (!ok) {
    mkdirSync(outDir, { recursive: true });
    const base = id;
    for (const [index, page] of t.pages.entries()) {
      const file = join(outDir, t.pages.length > 1 ? `${base}-${index + 1}.png` : `${base}.png`);
      await page.screenshot({ path: file, timeout: 5_000 }).catch(() => {});
    }
    writeFileSync(join(outDir, `${base}.log`), [...t.problems.map((problem) => `problem: ${problem}`), ...t.notes.map((note) => `note: ${note}`), '', ...t.log].join('\n'));
  }
  for (const context of t.contexts) await context.close().catch(() => {});
  for (const clean of t.cleanup.reverse()) await Promise.resolve(clean()).catch((error) => console.error(`e2e: cleanup failed: ${error}`));
  const ms = Date.now() - started;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${ms} ms)`);
  for (const note of t.notes) console.log(`       ${note}`);
  for (const problem of t.problems) console.log(`       ✗ ${problem}`);
  return ok;
}

// `--filter talk|history` runs the cases whose name holds any of the texts.
const cases = CASES.filter(([id, title]) => !filter || filter.toLowerCase().split('|').some((text) => `${id}: ${title}`.toLowerCase().includes(text)));
rmSync(outDir, { recursive: true, force: true });
const site = await serveStatic(staticDir);
let browser;
try {
  browser = await launchChromium();
  for (const entry of cases) {
    if (await runCase(browser, site.origin, entry)) counts.passed++;
    else counts.failed++;
  }
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  counts.failed++;
} finally {
  await browser?.close().catch(() => {});
  await site.close();
  clearTimeout(guard);
}

console.log(`browser-e2e: ${counts.passed} passed, ${counts.failed} failed (${cases.length} cases)`);
recordCounts('browser-e2e', counts.passed, counts.failed);
if (counts.failed > 0 || cases.length === 0) process.exitCode = 1;
