// A results file's page in Debian's Chromium: every chart drawn, no console error, no network
// request, the table's numbers equal to `kopa compare --format json`, PNG and SVG export.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  expectEveryChartDrawn, expectPng, kopa, openBrowser, openReport, scratchFolder, smallRun,
} from './browser.mjs';

test('a results page draws every chart, fetches nothing and exports', { timeout: 180000 }, async () => {
  const folder = scratchFolder('results');
  const run = smallRun(folder);
  const html = path.join(folder, 'run.html');
  assert.equal(kopa('report', run, '-o', html), html + '\n');
  const expected = JSON.parse(kopa('compare', run, '--format', 'json'));

  const browser = await openBrowser(folder);
  try {
    const { page, problems } = await openReport(browser, html);
    const ids = await expectEveryChartDrawn(page);
    assert.ok(ids.includes('fan-founders_sustained') && ids.includes('difference'));

    // Every number of the compare table, exactly as kopa compare --format json writes it.
    const table = await page.$$eval('table[data-metric] tr[data-scenario]', (rows) => rows.map(
      (row) => ({
        metric: row.closest('table').dataset.metric,
        scenario: row.dataset.scenario,
        fields: Object.fromEntries([...row.querySelectorAll('[data-field]')].map(
          (cell) => [cell.dataset.field, cell.dataset.value])),
      })));
    // data-value holds %.17g text, or "null" where JSON has null (NaN: no relative change
    // against a baseline of zero).
    const same = (text, value) => (value === null ? text === 'null' : Number(text) === value);
    // The cohort survival rows are what kopa compare --metric survival_<k>y prints.
    const survival = [...new Set(table.map((r) => r.metric).filter((m) => m.startsWith('survival_')))];
    const sets = [expected, ...survival.map(
      (name) => JSON.parse(kopa('compare', run, '--metric', name, '--format', 'json')))];
    let compared = 0;
    for (const set of sets) {
      for (const scenario of set.scenarios) {
        for (const metric of set.metrics) {
          const row = table.find((r) => r.metric === metric.name && r.scenario === scenario.name);
          assert.ok(row, `a row for ${metric.name} / ${scenario.name}`);
          const want = scenario.metrics[metric.name];
          const check = (field, value) => {
            assert.ok(same(row.fields[field], value),
              `${metric.name} ${scenario.name} ${field}: page ${row.fields[field]}, json ${value}`);
            compared += 1;
          };
          for (const field of ['n', 'mean', 'median', 'p05', 'p95']) check(field, want[field]);
          if (want.difference) {
            check('difference_mean', want.difference.mean);
            check('ci_low', want.difference.ci_low);
            check('ci_high', want.difference.ci_high);
            check('relative_change', want.difference.relative_change);
            check('share_greater', want.difference.share_greater);
          }
        }
      }
    }
    assert.equal(table.length,
      sets.reduce((n, set) => n + set.scenarios.length * set.metrics.length, 0));
    // The cost-effectiveness table.
    const costs = await page.$$eval('table[data-table=cost_effectiveness] [data-outcome] [data-field]',
      (cells) => cells.map((cell) => ({
        scenario: cell.closest('tr').dataset.scenario,
        outcome: cell.closest('td').dataset.outcome,
        field: cell.dataset.field,
        value: cell.dataset.value,
      })));
    for (const cell of costs) {
      const want = expected.scenarios.find((s) => s.name === cell.scenario).cost_effectiveness[cell.outcome];
      assert.ok(same(cell.value, want[cell.field]), `${cell.scenario} ${cell.outcome} ${cell.field}`);
      compared += 1;
    }
    assert.ok(compared > 100, `${compared} numbers compared`);

    // The buttons under a chart save it as PNG and as SVG.
    const slot = page.locator('[data-chart="fan-founders_sustained"]');
    const [png] = await Promise.all([page.waitForEvent('download'),
      slot.locator('button[data-export=png]').click()]);
    assert.equal(png.suggestedFilename(), 'kopa-fan-founders_sustained.png');
    expectPng(fs.readFileSync(await png.path()), 'the PNG button\'s file');
    const [svg] = await Promise.all([page.waitForEvent('download'),
      slot.locator('button[data-export=svg]').click()]);
    const svgText = fs.readFileSync(await svg.path(), 'utf8');
    assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svgText, /founders_sustained/);

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
