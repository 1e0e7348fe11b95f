// kopa serve's workshop page in Debian's Chromium: it loads, a lever and a slider change the
// charts and the sentence, the what-ifs tried are listed, Latvian replaces every label, the
// chart exports as PNG and the runs as a kopa results file that kopa compare reads; no console
// error, no request beyond the server; Ctrl-C stops the server cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  expectPng, kopa, kopaBinary, openBrowser, scratchFolder, sourceDir, villageToml,
} from './browser.mjs';

// A small starting point (2,000 founders over 48 months) so that every what-if takes a moment.
function smallScenarios(folder) {
  const scenarios = path.join(folder, 'scenarios');
  fs.mkdirSync(scenarios);
  const shipped = path.join(sourceDir, 'scenarios');
  fs.writeFileSync(path.join(scenarios, 'baseline.toml'),
    `name = "baseline"\nextends = "${path.join(shipped, 'baseline.toml')}"\n` +
    '[simulation]\nfounders = 2000\nmonths = 48\n' +
    // A village of 2,000 people, one agent each, many with an idea or a micro-project already:
    // at real residents' rates (docs/ODD.md) 2,000 agents of the shipped regions would show
    // nothing in 4 years, and the page needs something to draw.
    villageToml(2000));
  fs.writeFileSync(path.join(scenarios, 'seed_funding.toml'),
    'name = "seed_funding"\nextends = "baseline.toml"\n[levers.seed_funding]\nenabled = true\n');
  // The shipped region presets, for the page's region choice.
  fs.cpSync(path.join(shipped, 'regions'), path.join(scenarios, 'regions'), { recursive: true });
  return scenarios;
}

// Starts kopa serve on a free port; resolves with the server and its URL.
function startServer(scenarios) {
  const server = spawn(kopaBinary, ['serve', '--port', '0', '--scenarios', scenarios, '-t', '2'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  server.stderr.on('data', (chunk) => { err += chunk; });
  return new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /open (http:\/\/\S+) /.exec(out);
      if (url) resolve({ server, url: url[1], output: () => out, errors: () => err });
    });
    server.on('exit', (code) => reject(new Error(`kopa serve exited ${code}: ${err}`)));
  });
}

test('the workshop page answers what-ifs, speaks Latvian and exports', { timeout: 240000 }, async () => {
  const folder = scratchFolder('serve');
  const { server, url, output } = await startServer(smallScenarios(folder));
  const origin = new URL(url).origin;
  const browser = await openBrowser(folder);
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const target = request.url();
      if (!target.startsWith(origin) && !target.startsWith('data:') && !target.startsWith('blob:')) {
        problems.push(`request beyond the server: ${target}`);
      }
    });
    await page.goto(url + '?lang=en');

    // One what-if answered and drawn: returns the sentence and the fan chart's SVG.
    let rendered = '';
    async function answered() {
      await page.waitForFunction((before) => document.body.dataset.chartsRendered !== undefined &&
        document.body.dataset.chartsRendered !== before, rendered, { timeout: 120000 });
      rendered = await page.evaluate(() => document.body.dataset.chartsRendered);
      return page.evaluate(() => ({
        sentence: document.getElementById('sentences').textContent,
        chart: Array.from(document.querySelectorAll('[data-chart] svg'), (svg) => svg.outerHTML).join(''),
        status: document.getElementById('status').textContent,
      }));
    }
    const start = await answered();
    assert.match(start.sentence, /starting scenario itself/);
    assert.equal(await page.locator('#population').textContent(),
      'The run stands for 2,000 working-age residents of village (latvia): 2,000 agents, each for 1 people.');

    // Sliders come from the table's workshop ranges, not its validation bounds.
    const budget = page.locator('input[data-path="levers.seed_funding.budget_per_year"]');
    assert.equal(await budget.getAttribute('max'), '1000000');
    assert.equal(await budget.getAttribute('step'), '10000');
    const sliders = await page.locator('input[type=range][data-path]').count();
    assert.ok(sliders > 100, `${sliders} sliders, one per number of the table`);

    await page.locator('input[data-path="levers.seed_funding.enabled"]').check();
    const lever = await answered();
    assert.match(lever.sentence, /sustained social enterprises \[.*\] after 4 years/);
    assert.notEqual(lever.chart, start.chart);

    await budget.evaluate((input) => {
      input.value = '20000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const bigger = await answered();
    assert.notEqual(bigger.sentence, lever.sentence, 'the sentences follow the slider');
    assert.notEqual(bigger.chart, lever.chart, 'the charts follow the slider');
    const cost = await page.locator('#cost li').allTextContents();
    assert.ok(cost.some((line) => /Public cost: \+/.test(line)), cost.join(' | '));
    assert.equal(await page.locator('#tried-table tr[data-whatif]').count(), 3);

    // Targeting: the seed fund for one group only; the request carries the list.
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/whatif') &&
      JSON.parse(r.postData()).set['levers.seed_funding.groups']?.[0] === 'youth');
    await page.locator('select[data-who="seed_funding"]').selectOption('youth');
    await asked;
    const targeted = await answered();
    assert.notEqual(targeted.chart, bigger.chart, 'the charts follow the targeting');
    assert.match(await page.locator('#tried-table tr[data-whatif="4"]').textContent(), /For whom young people/);

    // A region preset for both scenarios: the page says whom the run now stands for; 2,000
    // agents for 25,000 residents are sound (a capacity acts on people, never on a pool of them),
    // so kopa gives no resolution warning.
    assert.ok(await page.locator('#regions option[value="latvia_planning/latgale"]').count() === 1);
    await page.locator('#regions').selectOption('latvia/cesis');
    await answered();
    assert.match(await page.locator('#population').textContent(), /25,000 working-age residents of cesis \(latvia\): 2,000 agents, each for 12\.5 people/);
    assert.equal(await page.locator('#warnings li').count(), 0);
    // A seed fund of EUR 10,000 a year whose largest grant is EUR 15,000 holds less than one
    // person: kopa's resolution warning, which no agent count lifts.
    for (const [where, value] of [['levers.seed_funding.grant_max', '15000'], ['levers.seed_funding.budget_per_year', '10000']]) {
      await page.locator(`input[data-path="${where}"]`).evaluate((input, v) => {
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, value);
      await answered();
    }
    assert.match(await page.locator('#warnings').textContent(), /No number of agents resolves a capacity below one person/);
    assert.deepEqual(await page.$$eval('select[data-where="one_roof"] option', (o) => o.map((x) => x.value)), ['', 'cesis']);

    // Latvian: every label from lv.json, the sentences in Latvian, numbers its way.
    const catalogue = JSON.parse(await page.locator('#kopa-messages').textContent());
    assert.deepEqual(Object.keys(catalogue.lv).sort(), Object.keys(catalogue.en).sort(),
      'lv.json has every message en.json has');
    await page.locator('#language').selectOption('lv');
    const labels = await page.$$eval('[data-i18n]', (nodes) => nodes.map((n) => [n.dataset.i18n, n.textContent]));
    assert.ok(labels.length > 20);
    for (const [key, text] of labels) assert.equal(text, catalogue.lv[key], `label ${key} in Latvian`);
    const levers = await page.$$eval('[data-lever]', (nodes) => nodes.map((n) => [n.dataset.lever, n.textContent]));
    for (const [name, text] of levers) assert.equal(text, catalogue.lv['lever.' + name]);
    const names = await page.$$eval('[data-parameter-label]', (nodes) => nodes.map((n) => [n.dataset.parameterLabel, n.textContent]));
    assert.ok(names.length > 250, `${names.length} parameters named`);
    for (const [name, text] of names) assert.equal(text, catalogue.lv['parameter.' + name], `parameter ${name} in Latvian`);
    // Every hover text is the parameter's Latvian meaning (and its unit in Latvian).
    const meanings = await page.$$eval('[data-meaning]', (nodes) => nodes.map((n) => [n.dataset.meaning, n.title]));
    assert.ok(meanings.length > 250, `${meanings.length} meanings shown`);
    for (const [name, text] of meanings) {
      assert.ok(catalogue.lv['meaning.' + name], `meaning.${name} in lv.json`);
      assert.notEqual(catalogue.lv['meaning.' + name], catalogue.en['meaning.' + name], `meaning.${name} translated`);
      assert.ok(text.startsWith(catalogue.lv['meaning.' + name]), `meaning of ${name} in Latvian: ${text}`);
    }
    const choices = await page.$$eval('[data-choice]', (nodes) => nodes.map((n) => [n.dataset.choice, n.textContent]));
    assert.ok(choices.length > 0);
    for (const [name, text] of choices) assert.equal(text, catalogue.lv['choice.' + name], `choice ${name} in Latvian`);
    // kopa's resolution warning, worded from lv.json with Latvian numbers.
    const warning = await page.locator('#warnings li').first().textContent();
    assert.match(warning, /^Izšķirtspēja: Scenārijs “.*”, reģions cesis: .* mazāka par vienu cilvēku.* palieliniet to\./, warning);
    assert.doesNotMatch(warning, /smallest|agent count|\{\w+\}/, warning);
    const latvian = await page.locator('#sentences li').first().textContent();
    assert.match(latvian, /ilgtspējīgi sociālie uzņēmumi .* pēc 4 gadiem/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'lv');

    // Exports: the chart as PNG, the runs as a results file that kopa reads back.
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    expectPng(fs.readFileSync(await png.path()), 'the exported chart');
    const [runs] = await Promise.all([page.waitForEvent('download'), page.locator('#export-results').click()]);
    const file = path.join(folder, 'workshop.h5');
    await runs.saveAs(file);
    const compared = JSON.parse(kopa('compare', file, '--format', 'json'));
    assert.deepEqual(compared.scenarios.map((s) => s.name), ['baseline', 'what-if']);
    const exportedRegions = JSON.parse(kopa('compare', file, '--format', 'json', '--region', 'cesis'));
    assert.equal(exportedRegions.scenarios.length, 2, 'the export ran in the chosen region');
    assert.equal(compared.scenarios[1].replicates, 10);

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    const stopped = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    assert.equal(await stopped, 0, 'Ctrl-C stops kopa serve cleanly');
    assert.match(output(), /kopa serve: stopped/);
  }
});
