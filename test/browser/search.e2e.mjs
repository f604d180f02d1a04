// Search, end to end in Chromium at 390 px (`node test/browser/search.e2e.mjs [--no-build]`), on
// the Search stories: open search from the room list, find an old message of #general that the
// room has not loaded, choose it: the room opens with the message on screen (inside the
// scroller's viewport) and marked; back to the list, into #random and back, search again from
// the room header (this room) and jump again; Escape closes the dialog. Screenshots go to
// test-results/browser/search-*.png.
/* global document -- page.evaluate bodies run in the browser */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepLocal, launchChromium, serveStatic } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const staticDir = join(root, 'storybook-static');
const outDir = join(root, 'test-results/browser');
mkdirSync(outDir, { recursive: true });

if (!process.argv.includes('--no-build') || !existsSync(join(staticDir, 'index.json'))) {
  const built = spawnSync(join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '--output-dir', staticDir], { cwd: root, stdio: 'inherit', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
  if (built.status !== 0) throw new Error('storybook build failed');
}

const site = await serveStatic(staticDir);
const browser = await launchChromium();
const errors = [];
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 760 } });
  await keepLocal(page, site.origin, (url) => errors.push(`blocked request ${url}`));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${site.origin}/iframe.html?id=search--in-chat-phone&viewMode=story`, { waitUntil: 'load' });

  const step = async (name, check) => {
    try {
      await check();
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed = true;
      console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : error}`);
      await page.screenshot({ path: join(outDir, `search-failed-${name.replace(/\W+/g, '-')}.png`) });
    }
  };
  const typeSearch = async (text) => {
    await page.fill('.confab-search-input', text);
    await page.waitForSelector('.confab-search-hit', { timeout: 10_000 });
  };
  /** The marked row, and whether it lies inside the list's visible area. */
  const markedOnScreen = () =>
    page.waitForFunction(
      () => {
        const row = document.querySelector('.confab-message-row[data-highlighted]');
        const scroller = document.querySelector('.confab-chat-room:not([hidden]) .confab-message-list-scroller');
        // Virtuoso shows its rows once it has scrolled to where the list opens.
        const hidden = document.querySelector('.confab-chat-room:not([hidden]) [data-testid="virtuoso-item-list"][style*="visibility: hidden"]');
        if (!row || !scroller || hidden) return false;
        const box = row.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        return box.top >= view.top - 1 && box.bottom <= view.bottom + 1 ? row.querySelector('[data-sequence]')?.getAttribute('data-sequence') : false;
      },
      null,
      { timeout: 10_000 },
    );

  await page.waitForSelector('.confab-message-list-scroller [data-sequence]', { timeout: 15_000 });
  await step('opens from the room list with Ctrl+K, full width at 390 px', async () => {
    await page.click('.confab-room-header-back').catch(() => {});
    await page.keyboard.press('Control+k');
    await page.waitForSelector('.confab-search-dialog');
    const width = await page.$eval('.confab-search-dialog', (element) => element.getBoundingClientRect().width);
    if (width < 300 || width > 390) throw new Error(`dialog is ${width}px wide`);
    await typeSearch('ramen');
    await page.screenshot({ path: join(outDir, 'search-results-390.png') });
  });
  await step('jumps to an old message of #general: the room opens with it on screen and marked', async () => {
    const hits = await page.$$('.confab-search-hit');
    const target = await hits[hits.length - 1].getAttribute('data-sequence');
    await hits[hits.length - 1].click();
    const shown = await (await markedOnScreen()).jsonValue();
    if (String(shown) !== target) throw new Error(`marked ${shown}, chose ${target}`);
    if (await page.$('.confab-search-dialog')) throw new Error('the dialog stayed open');
    await page.screenshot({ path: join(outDir, 'search-jumped-390.png') });
  });
  await step('back to the list, into #random and back to #general', async () => {
    await page.click('.confab-room-header-back');
    await page.click('.confab-room-list-items >> text=random');
    await page.waitForSelector('.confab-chat-room:not([hidden]) .confab-room-header-name >> text=random');
    await page.click('.confab-room-header-back');
    await page.click('.confab-room-list-items >> text=general');
    await page.waitForSelector('.confab-chat-room:not([hidden]) .confab-message-list-scroller [data-sequence]');
  });
  await step('searches this room from the header and jumps again; Escape closes the dialog', async () => {
    await page.click('.confab-room-header-search');
    await page.waitForSelector('.confab-search-scope-option[aria-pressed="true"] >> text=This room');
    await page.keyboard.press('Escape');
    if (await page.$('.confab-search-dialog')) throw new Error('Escape did not close it');
    await page.click('.confab-room-header-search');
    await typeSearch('friday');
    const hits = await page.$$('.confab-search-hit');
    const target = await hits[hits.length - 1].getAttribute('data-sequence');
    await hits[hits.length - 1].click();
    const shown = await (await markedOnScreen()).jsonValue();
    if (String(shown) !== target) throw new Error(`marked ${shown}, chose ${target}`);
  });
  await step('no console errors', async () => {
    if (errors.length > 0) throw new Error(errors.join('\n'));
  });
} finally {
  await browser.close();
  await site.close();
}
if (failed) process.exitCode = 1;
