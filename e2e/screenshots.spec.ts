// Screenshots of the dashboard in both themes at projector size, written to
// test-results/screenshots/ on every run so they can be looked at (and are in CI artefacts).

import { expect, test } from '@playwright/test';
import { startInstance, type Instance } from './tools/instance.ts';

let inst: Instance;
test.beforeAll(async () => { inst = await startInstance(['--speed', '10']); });
test.afterAll(async () => { await inst?.stop(); });

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot, ${scheme} theme, 1920x1080`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: scheme });
    await page.goto(inst.url);
    await expect(page.locator('.react-flow__node[data-id="Pod/default/web-1"]')).toHaveAttribute('data-ready', 'true');
    await page.waitForTimeout(500);
    await page.screenshot({ path: `test-results/screenshots/dashboard-${scheme}.png` });
    await page.close();
  });
}
