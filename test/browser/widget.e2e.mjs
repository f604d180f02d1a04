// The script-tag widget in headless Chromium (`npm run test:widget`; `npm test` runs it after the
// build). Plain HTML pages with no bundler and no React, a hostile global stylesheet, and a strict
// Content-Security-Policy (the README's), load dist/widget/confab-widget.js against a Node host on
// 127.0.0.1 (createHost in this process, signed tokens, allowedOrigins = the pages' origin):
//
// - queue.html: the loader snippet queues `on` and `init` before the script loads; the launcher
//   appears, opens (focus moves in), sends a message a second client (a Node ChatClient over the
//   WebSocket transport) receives, Escape closes (focus back on the launcher), the reply shows an
//   unread badge while closed, and the page's CSS changes nothing inside the shadow root;
// - data.html: the same setup from data-* attributes only (dark theme, bottom-left, open);
// - plain.html: init from the test, theme overrides, then destroy: the DOM is as it was, the host
//   sees the socket close, no timer or window/document listener of the widget is left, and
//   nothing more goes over the network;
// - demo.html: demo mode (in-page server, a simulated person answers); the emoji chunks are
//   fetched only when the picker opens, from beside the script, and the picker works in the
//   shadow root (its styles under the CSP, clicks inside it);
// - a phone-sized window: the panel takes the whole screen.
//
// Every page: no CSP violation, no console error, no request to another origin than the page's
// and the host's. Failures leave a screenshot and the console log in test-results/widget/.
//
// Usage: node test/browser/widget.e2e.mjs [--filter <scenario>] [--widget-dir <dir>]   (after `npm run build`)
/* global window, document, getComputedStyle -- page.evaluate bodies run in the browser */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { recordCounts } from '../summary.mjs';
import { launchChromium } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'test/browser/widget');
const widgetDirAt = process.argv.indexOf('--widget-dir');
/** The built widget; `--widget-dir` points elsewhere (e.g. a build with `--outDir`). */
const widgetDir = widgetDirAt >= 0 ? resolve(process.argv[widgetDirAt + 1]) : join(root, 'dist/widget');
const outDir = join(root, 'test-results/widget');
const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
/** A bound on the whole run, so a hang fails instead of stalling `npm test`. */
const RUN_TIMEOUT_MS = 110_000;
const WAIT_MS = 10_000;

const required = [join(widgetDir, 'confab-widget.js'), join(widgetDir, 'lazy/emoji-mart.js'), ...['dist/host.js', 'dist/core.js', 'dist/transports-websocket.js'].map((file) => join(root, file))];
const missing = required.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`widget: ${missing.join(', ')} missing; run \`npm run build\` first.`);
  recordCounts('browser-widget', 0, 1);
  process.exit(1);
}

const { createHost } = await import(pathToFileURL(join(root, 'dist/host.js')).href);
const { createChatClient } = await import(pathToFileURL(join(root, 'dist/core.js')).href);
const { createWebSocketTransport } = await import(pathToFileURL(join(root, 'dist/transports-websocket.js')).href);

// ---- the page's policy --------------------------------------------------------------------------

/** The loader snippet of the README, byte for byte; its hash goes in script-src. */
const LOADER = readFileSync(join(fixtures, 'loader.txt'), 'utf8');
const LOADER_HASH = `sha256-${createHash('sha256').update(LOADER).digest('base64')}`;

/** The README's policy for a widget served from the page's own origin and a host at `hostHttp`. */
function policy(hostHttp) {
  const hostWs = hostHttp.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    `script-src 'self' '${LOADER_HASH}'`,
    "style-src 'self'",
    `connect-src ${hostHttp} ${hostWs}`,
    `img-src 'self' blob: ${hostHttp}`,
    `media-src blob: ${hostHttp}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The README states this snippet and this hash; a check below holds it to that. */
function readmeProblems() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Script tag')[1]?.split('\n## ')[0] ?? '';
  const problems = [];
  if (!section) problems.push('README has no "Script tag" section');
  if (!section.includes(`<script>${LOADER}</script>`)) problems.push('the README\'s loader snippet is not test/browser/widget/loader.txt');
  if (!section.includes(`'${LOADER_HASH}'`)) problems.push(`the README's policy does not carry the loader's hash '${LOADER_HASH}'`);
  return problems;
}

// ---- servers ------------------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

/** Serves the fixture pages (filled in) and dist/widget, and notes every request with its time. */
async function servePages(values) {
  const requests = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push({ path, at: Date.now() });
    const fromWidget = path === '/confab-widget.js' || path === '/confab-widget.js.map' || path.startsWith('/lazy/');
    const base = fromWidget ? widgetDir : fixtures;
    const file = normalize(join(base, path));
    if (!file.startsWith(base + sep) || !existsSync(file) || file.endsWith('.txt')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body = readFileSync(file);
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (!fromWidget && (file.endsWith('.html') || file.endsWith('.js'))) {
      body = body
        .toString('utf8')
        .replaceAll('{{LOADER}}', LOADER)
        .replaceAll('{{HOST}}', values.host)
        .replaceAll('{{TOKEN}}', values.tokens[path] ?? '');
    }
    if (file.endsWith('.html')) headers['content-security-policy'] = policy(values.host);
    response.writeHead(200, headers).end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

const values = { host: '', tokens: {} };
const site = await servePages(values);
const secret = randomBytes(32).toString('base64url');
const hostErrors = [];
const host = createHost({ port: 0, secret, allowedOrigins: [site.origin], onError: (error) => hostErrors.push(error) });
const { port: hostPort, url: hostSocketUrl } = await host.listen();
values.host = `http://127.0.0.1:${hostPort}`;
const hostOrigins = [values.host, values.host.replace(/^http/, 'ws')];

host.server.upsertUser({ id: 'sam', name: 'Sam' });
for (const [id, name] of [
  ['vera', 'Vera'],
  ['dana', 'Dana'],
  ['pat', 'Pat'],
]) {
  host.server.upsertUser({ id, name });
}
host.server.createRoom({ id: 'support', name: 'Support', kind: 'public', createdBy: 'sam', memberIds: ['vera', 'dana', 'pat'] });
values.tokens['/setup-queue.js'] = await host.signToken('vera');
values.tokens['/data.html'] = await host.signToken('dana');
const patToken = await host.signToken('pat');
const danaAgain = await host.signToken('dana');

/** The second client: Sam, in Node, over the WebSocket transport; every message.created it hears. */
const heard = [];
const transport = createWebSocketTransport({ url: hostSocketUrl, tokenProvider: () => host.signToken('sam'), WebSocket });
const sam = createChatClient({
  transport: {
    open: (listener) =>
      transport.open({
        ...listener,
        onEvent(event) {
          listener.onEvent(event);
          if (event.type === 'message.created') heard.push(event.message);
        },
      }),
    request: (command) => transport.request(command),
    close: () => transport.close(),
  },
});
await sam.connect();

// ---- checks -------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;
mkdirSync(outDir, { recursive: true });

async function waitFor(what, probe, timeout = WAIT_MS) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** A fresh page with the console, page errors, CSP violations and off-site requests collected. */
async function openPage(browser, name, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const log = [];
  const problems = [];
  page.on('console', (message) => {
    log.push(`[${message.type()}] ${message.text()}`);
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    log.push(`[pageerror] ${error.message}`);
    problems.push(`page error: ${error.message}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) log.push(`[http ${response.status()}] ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${site.origin}/`) && !hostOrigins.some((origin) => url.startsWith(`${origin}/`)) && !url.startsWith('blob:') && !url.startsWith('data:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${site.origin}/`) || hostOrigins.some((origin) => url.startsWith(`${origin}/`)) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    return route.abort('blockedbyclient');
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample || ''}`.trim());
    });
  });
  if (options.track) await page.addInitScript(trackTimersAndListeners);
  return { name, context, page, log, problems };
}

/** Counts timers and window/document listeners made while `window.__track` is on (see plain.html). */
function trackTimersAndListeners() {
  const timers = new Map();
  const listeners = new Map();
  window.__leaks = { timers, listeners };
  const wrap = (name, kind) => {
    const original = window[name];
    window[name] = function (callback, delay, ...rest) {
      if (!window.__track || typeof callback !== 'function') return original.call(window, callback, delay, ...rest);
      let id;
      const run = function (...runArgs) {
        if (kind === 'timeout') timers.delete(id);
        return callback.apply(this, runArgs);
      };
      id = original.call(window, run, delay, ...rest);
      timers.set(id, { kind, delay: delay ?? 0, stack: new Error().stack?.split('\n').slice(2, 5).join(' | ') });
      return id;
    };
  };
  wrap('setTimeout', 'timeout');
  wrap('setInterval', 'interval');
  for (const name of ['clearTimeout', 'clearInterval']) {
    const original = window[name];
    window[name] = function (id) {
      timers.delete(id);
      return original.call(window, id);
    };
  }
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const key = (target, type, listener, options) => {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    return { target, type, listener, capture };
  };
  const find = (k) => [...listeners.keys()].find((entry) => entry.target === k.target && entry.type === k.type && entry.listener === k.listener && entry.capture === k.capture);
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (window.__track && (this === window || this === document) && listener) {
      const k = key(this, type, listener, options);
      if (!find(k)) listeners.set(k, `${this === window ? 'window' : 'document'} ${type}`);
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (this === window || this === document) {
      const found = find(key(this, type, listener, options));
      if (found) listeners.delete(found);
    }
    return remove.call(this, type, listener, options);
  };
}

async function check(opened, name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`  ok   ${opened.name}: ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${opened.name}: ${name}: ${error instanceof Error ? error.message : String(error)}`);
    const slug = `${opened.name}-${name}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
    await opened.page.screenshot({ path: join(outDir, `${slug}.png`) }).catch(() => {});
    writeFileSync(join(outDir, `${slug}.log`), `${error instanceof Error ? error.stack : String(error)}\n\n${opened.log.join('\n')}\n`);
  }
}

/** A screenshot for people to look at (kept on success too): test-results/widget/<name>.png. */
async function snap(opened, name) {
  await opened.page.screenshot({ path: join(outDir, `view-${name}.png`) }).catch(() => {});
}

/** No CSP violation, console error, page error or off-site request so far. */
async function checkClean(opened) {
  await check(opened, 'no CSP violation, console error or off-site request', async () => {
    const csp = await opened.page.evaluate(() => window.__csp ?? []);
    const all = [...csp.map((v) => `CSP: ${v}`), ...opened.problems];
    assert(all.length === 0, all.join('; '));
  });
}

// ---- page helpers (everything of the widget is in the shadow root of <confab-widget>) -----------

const launcher = (page) => page.locator('confab-widget .confab-widget-launcher');
const panel = (page) => page.locator('confab-widget .confab-widget-panel');

/** What has focus inside the widget's shadow root, as `tag.class`, or null. */
const focusedInWidget = (page) =>
  page.evaluate(() => {
    const active = document.querySelector('confab-widget')?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });

/** Computed color and font size of an element in the shadow root, plus the host's display. */
const stylesOf = (page, selector) =>
  page.evaluate((sel) => {
    const element = document.querySelector('confab-widget')?.shadowRoot?.querySelector(sel);
    if (!element) return null;
    const style = getComputedStyle(element);
    return { color: style.color, fontSize: style.fontSize, fontFamily: style.fontFamily, letterSpacing: style.letterSpacing, background: style.backgroundColor };
  }, selector);

function assertUntouched(style, what) {
  assert(style, `${what} not found`);
  assert(style.color !== 'rgb(255, 0, 0)', `${what} is red: the page's color reached it`);
  assert(style.fontSize !== '40px', `${what} is 40px: the page's font-size reached it`);
  assert(!/comic sans/i.test(style.fontFamily), `${what} is in Comic Sans: the page's font reached it`);
  assert(style.letterSpacing !== '4px', `${what} has the page's letter-spacing`);
}

async function sendFromWidget(page, text) {
  const textarea = page.locator('confab-widget .confab-widget-panel textarea');
  await textarea.waitFor({ state: 'visible', timeout: WAIT_MS });
  await textarea.fill(text);
  await textarea.press('Enter');
}

// ---- scenarios ----------------------------------------------------------------------------------

async function queueScenario(browser) {
  const opened = await openPage(browser, 'queue');
  const { page } = opened;
  await page.goto(`${site.origin}/queue.html`);

  await check(opened, 'queued on + init run: the launcher appears and ready fires', async () => {
    await launcher(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    const ready = await waitFor('the ready event', () => page.evaluate(() => window.__confabEvents.find((event) => event.name === 'ready')));
    assert(ready.payload.userId === 'vera', `ready for ${ready.payload.userId}, expected vera`);
    assert((await page.evaluate(() => window.Confab.loaded)) === true, 'window.Confab is not the real function');
  });

  await check(opened, "the page's CSS does not reach the launcher", async () => {
    assertUntouched(await stylesOf(page, '.confab-widget-launcher'), 'the launcher');
    const display = await page.evaluate(() => getComputedStyle(document.querySelector('confab-widget')).display);
    assert(display === 'contents', `the host element is display ${display}`);
    const box = await launcher(page).boundingBox();
    assert(box && box.width === 56 && box.height === 56, `launcher is ${box?.width}×${box?.height}, expected 56×56`);
    assert(box.x + box.width > 1200 && box.y + box.height > 740, `launcher at ${box.x},${box.y}, expected bottom-right`);
  });

  await check(opened, 'the launcher opens a labelled panel and focus moves into it', async () => {
    await launcher(page).click();
    await panel(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    const role = await panel(page).getAttribute('role');
    const labelledBy = await panel(page).getAttribute('aria-labelledby');
    assert(role === 'dialog' && labelledBy, `panel role=${role} aria-labelledby=${labelledBy}`);
    assert((await launcher(page).getAttribute('aria-expanded')) === 'true', 'launcher not aria-expanded');
    const box = await panel(page).boundingBox();
    assert(box && Math.abs(box.width - 380) <= 2 && Math.abs(box.height - 600) <= 2, `panel is ${box?.width}×${box?.height}, expected about 380×600`);
    const focused = await waitFor('focus in the composer', async () => {
      const f = await focusedInWidget(page);
      return f?.startsWith('textarea') ? f : null;
    });
    assert(focused, 'no focus in the panel');
  });

  await check(opened, "the page's CSS does not reach the panel", async () => {
    assertUntouched(await stylesOf(page, '.confab-widget-title'), 'the panel title');
    assertUntouched(await stylesOf(page, '.confab-widget-panel textarea'), 'the composer');
    const title = await stylesOf(page, '.confab-widget-title');
    assert(title.fontSize === '16px', `title font-size ${title.fontSize}, expected 16px`);
  });

  const text = `Hello from the widget ${Date.now()}`;
  await check(opened, 'a message sent in the widget reaches the second client', async () => {
    await sendFromWidget(page, text);
    const message = await waitFor('Sam to hear it', () => heard.find((m) => m.text === text));
    assert(message.authorId === 'vera' && message.roomId === 'support', `heard from ${message.authorId} in ${message.roomId}`);
    await page.locator('confab-widget .confab-widget-panel .confab-message-body').getByText(text).first().waitFor({ timeout: WAIT_MS });
  });

  await check(opened, 'Escape closes the panel and focus returns to the launcher', async () => {
    await page.locator('confab-widget .confab-widget-panel textarea').focus();
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    const focused = await focusedInWidget(page);
    assert(focused?.includes('confab-widget-launcher'), `focus on ${focused}`);
    assert((await launcher(page).getAttribute('aria-expanded')) === 'false', 'launcher still aria-expanded');
  });

  const reply = `Reply from Sam ${Date.now()}`;
  await check(opened, 'a reply while closed shows an unread badge, with message and unread events', async () => {
    await sam.sendMessage('support', { text: reply });
    const badge = page.locator('confab-widget .confab-widget-badge');
    await badge.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert((await badge.textContent()) === '1', `badge says ${await badge.textContent()}`);
    await snap(opened, 'queue-closed-unread');
    const label = await launcher(page).getAttribute('aria-label');
    assert(/1 unread message/.test(label ?? ''), `launcher label "${label}"`);
    const events = await page.evaluate(() => window.__confabEvents);
    assert(events.some((e) => e.name === 'message' && e.payload.message.text === reply && e.payload.roomId === 'support'), 'no message event for the reply');
    assert(events.some((e) => e.name === 'unread' && e.payload.count === 1), 'no unread event with count 1');
    assert(!events.some((e) => e.name === 'message' && e.payload.message.text === text), 'a message event for our own message');
    assert(events.some((e) => e.name === 'close'), 'no close event');
  });

  await check(opened, 'opening again shows the reply and clears the badge', async () => {
    await launcher(page).click();
    await page.locator('confab-widget .confab-widget-panel .confab-message-body').getByText(reply).first().waitFor({ timeout: WAIT_MS });
    await snap(opened, 'queue-open-light');
    assertUntouched(await stylesOf(page, '.confab-message'), 'a message');
    await page.evaluate(() => window.Confab('close'));
    await panel(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    await waitFor('the badge to clear', async () => (await page.locator('confab-widget .confab-widget-badge').count()) === 0);
    const events = await page.evaluate(() => window.__confabEvents);
    assert(events.some((e) => e.name === 'unread' && e.payload.count === 0), 'no unread event with count 0');
  });

  await check(opened, "Confab('toggle') opens and closes with open/close events", async () => {
    const before = await page.evaluate(() => window.__confabEvents.filter((e) => e.name === 'open' || e.name === 'close').length);
    await page.evaluate(() => window.Confab('toggle'));
    await panel(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.evaluate(() => window.Confab('toggle'));
    await panel(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    const after = await page.evaluate(() => window.__confabEvents.filter((e) => e.name === 'open' || e.name === 'close').map((e) => e.name));
    assert(after.length === before + 2 && after.at(-2) === 'open' && after.at(-1) === 'close', `events ${after.join(', ')}`);
  });

  await check(opened, 'a page talking to a host fetches no lazy chunk (no demo server, no emoji)', async () => {
    const lazy = site.requests.filter((r) => r.path.startsWith('/lazy/')).map((r) => r.path);
    assert(lazy.length === 0, `fetched: ${lazy.join(', ')}`);
  });

  await checkClean(opened);
  await opened.context.close();
}

async function dataScenario(browser) {
  const opened = await openPage(browser, 'data');
  const { page } = opened;
  await page.goto(`${site.origin}/data.html`);

  await check(opened, 'data-* attributes alone start the widget: open, dark, bottom-left, titled', async () => {
    await panel(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    const title = await page.locator('confab-widget .confab-widget-title').textContent();
    assert(title === 'Help desk', `title "${title}"`);
    const theme = await page.locator('confab-widget .confab-widget').getAttribute('data-theme');
    assert(theme === 'dark', `data-theme ${theme}`);
    const background = (await stylesOf(page, '.confab-widget-panel')).background;
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert(r + g + b < 150, `panel background ${background} is not dark`);
    const box = await launcher(page).boundingBox();
    assert(box && box.x < 100, `launcher at x=${box?.x}, expected bottom-left`);
    const panelBox = await panel(page).boundingBox();
    assert(panelBox && panelBox.x < 100, `panel at x=${panelBox?.x}, expected bottom-left`);
  });

  await check(opened, 'connected as the token says, in the room data-room names', async () => {
    await page.locator('confab-widget .confab-widget-panel .confab-chat-room h2').getByText('Support').first().waitFor({ timeout: WAIT_MS });
    await waitFor('a session for dana', () => host.server.getRoom('support') && page.locator('confab-widget textarea').isVisible());
    const text = `Dana via data attributes ${Date.now()}`;
    await sendFromWidget(page, text);
    const message = await waitFor('Sam to hear Dana', () => heard.find((m) => m.text === text));
    assert(message.authorId === 'dana', `author ${message.authorId}`);
    await snap(opened, 'data-dark-bottom-left');
  });

  await checkClean(opened);
  await opened.context.close();
}

async function plainScenario(browser) {
  const opened = await openPage(browser, 'plain', { track: true });
  const { page } = opened;
  await page.goto(`${site.origin}/plain.html`);
  await page.waitForLoadState('load');

  const before = await page.evaluate(() => document.documentElement.outerHTML);
  const connectionsBefore = host.connectionCount;
  let requestsAtDestroy = 0;

  await check(opened, 'bad options are an error event (and a console error), and start nothing', async () => {
    const errors = await page.evaluate(() => {
      const seen = [];
      const listener = (payload) => seen.push(payload);
      window.Confab('on', 'error', listener);
      window.Confab('init', { server: 'http://127.0.0.1:1', token: 't', theme: 'purple' });
      window.Confab('init', { token: 't' });
      window.Confab('off', 'error', listener);
      return seen;
    });
    assert(errors.length === 2 && errors.every((e) => e.code === 'invalid'), `errors: ${JSON.stringify(errors)}`);
    assert(/theme/.test(errors[0].message) && /server/.test(errors[1].message), `messages: ${errors.map((e) => e.message).join(' | ')}`);
    assert((await page.locator('confab-widget').count()) === 0, 'a widget was mounted');
    // Expected: the widget reports bad options on the console too.
    const expected = opened.problems.filter((problem) => problem.includes('[confab widget] Confab widget:'));
    assert(expected.length === 2, `console errors: ${opened.problems.join('; ')}`);
    opened.problems.splice(0, opened.problems.length, ...opened.problems.filter((problem) => !expected.includes(problem)));
  });

  await check(opened, 'init from the page with theme overrides', async () => {
    await page.evaluate(
      ([server, token]) => {
        window.__events = [];
        window.__track = true;
        window.Confab('on', 'ready', (payload) => window.__events.push(['ready', payload.userId]));
        window.Confab('init', { server, token, room: 'support', theme: { mode: 'light', '--confab-color-accent': 'rgb(200, 0, 100)' } });
      },
      [values.host, patToken],
    );
    await waitFor('ready', () => page.evaluate(() => window.__events.some((e) => e[0] === 'ready')));
    assert(host.connectionCount === connectionsBefore + 1, `host has ${host.connectionCount} connections, expected ${connectionsBefore + 1}`);
    const style = await stylesOf(page, '.confab-widget-launcher');
    assert(style.background === 'rgb(200, 0, 100)', `launcher background ${style.background}, expected the override`);
    await launcher(page).click();
    await page.locator('confab-widget .confab-widget-panel textarea').waitFor({ timeout: WAIT_MS });
    assert((await page.locator('confab-widget .confab-widget').getAttribute('data-theme')) === 'light', 'not light');
  });

  await check(opened, 'setUser signs in as someone else over a new socket', async () => {
    await page.evaluate((token) => window.Confab('setUser', { token }), danaAgain);
    await waitFor('ready for dana', () => page.evaluate(() => window.__events.some((e) => e[0] === 'ready' && e[1] === 'dana')));
    await waitFor('one socket for the widget', () => host.connectionCount === connectionsBefore + 1);
    await page.locator('confab-widget .confab-widget-panel textarea').waitFor({ timeout: WAIT_MS });
  });

  await check(opened, 'destroy: DOM as before, socket closed, no timers or listeners left, no more traffic', async () => {
    await page.evaluate(() => window.Confab('destroy'));
    requestsAtDestroy = site.requests.length;
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    assert(after === before, `the DOM changed:\nbefore ${before.length} chars, after ${after.length}\n${after.slice(0, 400)}`);
    await waitFor('the host to see the socket close', () => host.connectionCount === connectionsBefore);
    await page.waitForTimeout(1500);
    const leaks = await page.evaluate(() => ({
      timers: [...window.__leaks.timers.values()].map((t) => `${t.kind} ${t.delay}ms at ${t.stack}`),
      listeners: [...window.__leaks.listeners.values()],
    }));
    assert(leaks.timers.length === 0, `timers left: ${leaks.timers.join('; ')}`);
    // None at all: the widget runs on preact/compat, which (unlike React DOM and its document
    // `selectionchange` listener) leaves nothing on the document.
    assert(leaks.listeners.length === 0, `listeners left: ${leaks.listeners.join('; ')}`);
    await page.waitForTimeout(1000);
    assert(site.requests.length === requestsAtDestroy, `requests after destroy: ${site.requests.slice(requestsAtDestroy).map((r) => r.path).join(', ')}`);
    assert(host.connectionCount === connectionsBefore, 'a socket came back');
  });

  await check(opened, 'init works again after destroy', async () => {
    await page.evaluate(([server, token]) => window.Confab('init', { server, token, room: 'support', open: true }), [values.host, patToken]);
    await panel(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.evaluate(() => window.Confab('destroy'));
    assert((await page.evaluate(() => document.documentElement.outerHTML)) === before, 'the DOM changed after the second destroy');
  });

  await checkClean(opened);
  await opened.context.close();
}

async function demoScenario(browser) {
  const opened = await openPage(browser, 'demo');
  const { page } = opened;
  const started = site.requests.length;
  await page.goto(`${site.origin}/demo.html`);
  const lazyRequests = () => site.requests.slice(started).filter((r) => r.path.startsWith('/lazy/emoji'));

  await check(opened, 'demo mode: the simulated person greets and answers', async () => {
    await launcher(page).click();
    await page.locator('confab-widget .confab-widget-panel .confab-message-body').getByText(/simulated person/).first().waitFor({ timeout: WAIT_MS });
    await sendFromWidget(page, 'How does this work?');
    await page.locator('confab-widget .confab-widget-panel .confab-message-body').getByText(/In a real setup/).first().waitFor({ timeout: WAIT_MS });
  });

  await check(opened, 'the room name sits in its sentence with no stray spaces around it', async () => {
    const status = page.locator('confab-widget .confab-message-list-header[data-state="beginning"] .confab-message-list-status');
    await status.waitFor({ timeout: WAIT_MS });
    // The sentence as laid out, against the same text set as one run in the same font.
    const widths = await status.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const laidOut = range.getBoundingClientRect().width;
      const probe = document.createElement('span');
      probe.style.cssText = 'position: absolute; white-space: pre; visibility: hidden; font: inherit;';
      probe.textContent = element.textContent;
      element.append(probe);
      const asText = probe.getBoundingClientRect().width;
      probe.remove();
      return { laidOut, asText, text: element.textContent };
    });
    assert(widths.text === 'This is the beginning of Welcome.', `the sentence reads "${widths.text}"`);
    assert(Math.abs(widths.laidOut - widths.asText) < 2, `the sentence takes ${widths.laidOut.toFixed(1)} px, ${(widths.laidOut - widths.asText).toFixed(1)} px more than its text: spaces around the name`);
  });

  await check(opened, 'the demo server came from lazy/demo.js beside the script', async () => {
    const paths = site.requests.slice(started).map((r) => r.path);
    assert(paths.includes('/lazy/demo.js'), `requests: ${paths.join(', ')}`);
  });

  await check(opened, 'no emoji code or data is fetched before the picker opens', async () => {
    assert(lazyRequests().length === 0, `fetched early: ${lazyRequests().map((r) => r.path).join(', ')}`);
  });

  await check(opened, 'the picker fetches its chunks from beside the script and renders in the shadow root', async () => {
    const openedAt = Date.now();
    await page.locator('confab-widget .confab-composer-emoji').click();
    const picker = page.locator('confab-widget confab-emoji-picker');
    await picker.waitFor({ state: 'attached', timeout: WAIT_MS });
    const paths = lazyRequests().map((r) => r.path);
    assert(paths.includes('/lazy/emoji-mart.js') && paths.includes('/lazy/emoji-data.js'), `lazy requests: ${paths.join(', ')}`);
    assert(lazyRequests().every((r) => r.at >= openedAt - 5), 'a chunk was fetched before the click');
    const where = await page.evaluate(() => {
      const inShadow = document.querySelector('confab-widget').shadowRoot.querySelector('confab-emoji-picker');
      return { inShadow: Boolean(inShadow), inPage: Boolean(document.querySelector('confab-emoji-picker, em-emoji-picker')), sheets: inShadow?.shadowRoot?.adoptedStyleSheets.length ?? 0, styles: inShadow?.shadowRoot?.querySelectorAll('style').length ?? -1 };
    });
    assert(where.inShadow && !where.inPage, `picker in shadow root: ${where.inShadow}, in page: ${where.inPage}`);
    assert(where.sheets >= 1 && where.styles === 0, `picker styles: ${where.sheets} adopted sheets, ${where.styles} <style> elements`);
    const search = picker.locator('input[type="search"]');
    await search.waitFor({ timeout: WAIT_MS });
    const box = await picker.boundingBox();
    assert(box && box.height > 200, `picker is ${box?.height}px tall: its styles did not apply`);
  });

  await check(opened, 'clicks inside the picker keep it open; an emoji goes into the composer', async () => {
    const picker = page.locator('confab-widget confab-emoji-picker');
    await picker.locator('input[type="search"]').click();
    await page.waitForTimeout(200);
    assert((await picker.count()) === 1, 'the picker closed on a click inside it');
    await picker.locator('input[type="search"]').fill('thumbs');
    await picker.locator('button[aria-label="👍"]').first().waitFor({ timeout: WAIT_MS });
    await snap(opened, 'demo-emoji-picker');
    await picker.locator('button[aria-label="👍"]').first().click({ timeout: WAIT_MS });
    await waitFor('the emoji in the composer', async () => (await page.locator('confab-widget .confab-widget-panel textarea').inputValue()).includes('👍'));
  });

  await check(opened, 'the picker opens again (twice more), stays open and fits in the window each time', async () => {
    const picker = page.locator('confab-widget confab-emoji-picker');
    await waitFor('the picker to close after the pick', async () => (await picker.count()) === 0);
    const viewport = page.viewportSize();
    for (const time of [2, 3]) {
      await page.locator('confab-widget .confab-composer-emoji').click();
      await picker.locator('input[type="search"]').waitFor({ timeout: WAIT_MS });
      await page.waitForTimeout(300);
      assert((await picker.count()) === 1, `open #${time}: the picker closed by itself`);
      const box = await picker.boundingBox();
      assert(box && box.height > 200, `open #${time}: picker is ${box?.height}px tall`);
      assert(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5, `open #${time}: picker at ${JSON.stringify(box)} leaves the ${viewport.width}×${viewport.height} window`);
      await page.keyboard.press('Escape');
      await waitFor(`the picker to close on Escape (open #${time})`, async () => (await picker.count()) === 0);
      assert((await page.locator('confab-widget .confab-widget-panel').count()) === 1, `open #${time}: Escape in the picker closed the whole panel`);
    }
  });

  await checkClean(opened);
  await opened.context.close();
}

async function arabicScenario(browser) {
  const opened = await openPage(browser, 'arabic');
  const { page } = opened;
  const started = site.requests.length;
  await page.goto(`${site.origin}/arabic.html`);

  await check(opened, 'data-locale="ar": the launcher speaks Arabic before the panel opens', async () => {
    // "Open chat", then the unread count once the simulated person has greeted.
    await waitFor('the launcher in Arabic', async () => (await launcher(page).getAttribute('aria-label'))?.startsWith('فتح الدردشة'));
  });

  await check(opened, 'data-locale="ar": the chat speaks Arabic, right to left, from lazy/locale-ar.js', async () => {
    await launcher(page).click();
    const title = await page.locator('confab-widget .confab-widget-title').textContent();
    assert(title === 'الدردشة', `panel title: ${title}`);
    const header = await page.evaluate(() => {
      const shadow = document.querySelector('confab-widget').shadowRoot;
      const box = (selector) => shadow.querySelector(selector).getBoundingClientRect();
      return { title: box('.confab-widget-title').x, close: box('.confab-widget-close').x };
    });
    assert(header.close < header.title, `the close button is not on the left of the title in Arabic: ${JSON.stringify(header)}`);
    const textarea = page.locator('confab-widget .confab-widget-panel textarea');
    await textarea.waitFor({ state: 'visible', timeout: WAIT_MS });
    const placeholder = await textarea.getAttribute('placeholder');
    assert(placeholder?.startsWith('اكتب رسالة إلى'), `placeholder: ${placeholder}`);
    const dir = await page.locator('confab-widget .confab-chat').getAttribute('dir');
    assert(dir === 'rtl', `the chat root's dir is ${dir}`);
    const paths = site.requests.slice(started).map((r) => r.path);
    assert(paths.includes('/lazy/locale-ar.js'), `requests: ${paths.join(', ')}`);
    assert(!paths.some((path) => path.startsWith('/lazy/locale-') && path !== '/lazy/locale-ar.js'), `other languages fetched: ${paths.join(', ')}`);
    await snap(opened, 'arabic');
  });

  await checkClean(opened);
  await opened.context.close();
}

async function phoneScenario(browser) {
  const opened = await openPage(browser, 'phone', { viewport: { width: 390, height: 844 } });
  const { page } = opened;
  await page.goto(`${site.origin}/demo.html`);

  await check(opened, 'on a narrow screen the panel is full-screen; Escape closes it', async () => {
    await launcher(page).click();
    await panel(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    const box = await panel(page).boundingBox();
    assert(box && box.x === 0 && box.y === 0 && box.width === 390 && box.height === 844, `panel at ${JSON.stringify(box)}`);
    await page.locator('confab-widget .confab-widget-panel .confab-message-body').first().waitFor({ timeout: WAIT_MS });
    await snap(opened, 'phone-full-screen');
    await waitFor('focus in the panel', async () => (await focusedInWidget(page))?.startsWith('textarea'));
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    await launcher(page).waitFor({ state: 'visible', timeout: WAIT_MS });
    assert((await focusedInWidget(page))?.includes('confab-widget-launcher'), 'focus not on the launcher');
  });

  await checkClean(opened);
  await opened.context.close();
}

// ---- run ----------------------------------------------------------------------------------------

const scenarios = { queue: queueScenario, data: dataScenario, plain: plainScenario, demo: demoScenario, arabic: arabicScenario, phone: phoneScenario };
const started = Date.now();
let browser = null;
const watchdog = setTimeout(() => {
  console.error(`widget: still running after ${RUN_TIMEOUT_MS / 1000} s; giving up.`);
  failed++;
  void finish(1);
}, RUN_TIMEOUT_MS);

async function finish(code) {
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
  sam.close();
  await host.close().catch(() => {});
  await site.close();
  recordCounts('browser-widget', passed, failed);
  console.log(`browser widget: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(code);
}

try {
  const readme = readmeProblems();
  if (readme.length === 0) {
    passed++;
    console.log(`  ok   README: the loader snippet and its CSP hash (${LOADER_HASH})`);
  } else {
    failed++;
    console.log(`  FAIL README: ${readme.join('; ')}`);
  }
  browser = await launchChromium();
  for (const [name, run] of Object.entries(scenarios)) {
    if (filter && !name.includes(filter)) continue;
    await run(browser);
  }
  if (hostErrors.length > 0) {
    failed++;
    console.log(`  FAIL host: unexpected errors: ${hostErrors.map(String).join('; ')}`);
  }
} catch (error) {
  failed++;
  console.error(`widget: ${error instanceof Error ? error.stack : String(error)}`);
}
await finish(failed === 0 ? 0 : 1);
