// A Sobol' sweep's page in Debian's Chromium: every chart drawn (the factor panels and kopa
// analyse's indices), no console error, no request.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  expectEveryChartDrawn, kopa, openBrowser, openReport, scratchFolder, sourceDir,
} from './browser.mjs';

test('a sweep page draws a chart per headline metric and the Sobol\' indices', { timeout: 180000 }, async () => {
  const folder = scratchFolder('sweep');
  const design = path.join(folder, 'sweep.toml');
  fs.writeFileSync(design, `[sweep]
base = "${path.join(sourceDir, 'scenarios', 'combined.toml')}"
replicates = 2
design = "sobol"
samples = 8
[sweep.set]
"simulation.founders" = 500
"simulation.months" = 24
[[factor]]
path = "levers.seed_funding.budget_per_year"
min = 50000.0
max = 2000000.0
log = true
[[factor]]
path = "levers.seed_funding.grant_max"
min = 4000.0
max = 20000.0
[[factor]]
path = "levers.local_training.skill_gain"
min = 0.0
max = 0.3
`);
  const file = path.join(folder, 'sweep.h5');
  kopa('sweep', design, '-o', file, '--quiet');
  const html = path.join(folder, 'sweep.html');
  kopa('report', file, '-o', html);

  const browser = await openBrowser(folder);
  try {
    const { page, problems } = await openReport(browser, html);
    const ids = await expectEveryChartDrawn(page);
    assert.deepEqual(ids, ['founders_sustained', 'founders_startup', 'jobs_disadvantaged',
      'collaborations', 'public_cost'].map((m) => `sweep-${m}`).concat(['sobol']));
    // 8 base rows x (3 factors + 2) blocks.
    assert.equal(await page.locator('table[data-table=points] tr').count(), 1 + 8 * 5);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
