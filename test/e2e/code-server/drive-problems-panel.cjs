// Drive code-server in headless Chromium: open $FILE, open the Problems panel, wait until every
// text in $EXPECT (a JSON array) is shown there, save a screenshot to $SHOT.
const { chromium } = require('playwright-core');
const fs = require('fs');

(async () => {
  const t0 = Date.now();
  const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const { CS_URL: url, FILE: file, SHOT: out } = process.env;
  const expected = JSON.parse(process.env.EXPECT);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('console', (m) => { if (m.type() === 'error') log('console.error:', m.text().slice(0, 200)); });
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench up');
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file });
    await item.first().waitFor({ timeout: 60000 });
    await item.first().click();
    await page.waitForSelector('.editor-instance .monaco-editor', { timeout: 30000 });
    log('editor open');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    for (const text of expected) {
      await page.locator('.markers-panel', { hasText: text }).first().waitFor({ timeout: 60000 });
      log('problems panel shows:', text);
    }
    // The extension's status bar item reports the problem count once linting is done.
    if (process.env.STATUS) {
      await page.locator('.statusbar-item', { hasText: process.env.STATUS }).first().waitFor({ timeout: 30000 });
      log('status bar shows:', process.env.STATUS);
    }
    // Squiggles are drawn in the editor too. Opening the panel shrinks the editor, which may scroll
    // the first lines (where the findings are) out of view; Monaco renders only visible lines.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.waitForSelector('.editor-instance .squiggly-warning, .editor-instance .squiggly-error', { timeout: 15000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: out });
    const panel = await page.locator('.markers-panel').first().innerText();
    fs.writeFileSync(out.replace(/\.png$/, '-problems.txt'), panel);
    const missing = expected.filter((e) => !panel.includes(e));
    log(missing.length === 0 ? 'PASS' : `FAIL: missing ${JSON.stringify(missing)}`);
    await browser.close();
    process.exit(missing.length === 0 ? 0 : 1);
  } catch (e) {
    log('ERROR', e.message);
    await page.screenshot({ path: out.replace(/\.png$/, '-fail.png') }).catch(() => {});
    fs.writeFileSync(out.replace(/\.png$/, '-fail.txt'), await page.evaluate(() => document.body.innerText).catch(() => ''));
    await browser.close();
    process.exit(1);
  }
})();
