// Shared by the browser tests: kopa itself, Debian's Chromium driven by web/'s playwright-core
// (no browser download), and checks on what a page did.
// Usage of a test: node <test>.test.mjs <kopa binary> <source folder>
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const [kopaBinary, sourceDir] = process.argv.slice(2);
if (!kopaBinary || !sourceDir) throw new Error('usage: node <test>.test.mjs KOPA SOURCE_DIR');

const require = createRequire(path.join(sourceDir, 'web', 'package.json'));
const { chromium } = require('playwright-core');

// A fresh folder, removed when the process exits.
export function scratchFolder(name) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `kopa-browser-${name}-`));
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

// Runs kopa; fails the test on a non-zero exit. Returns standard output.
export function kopa(...args) {
  const result = spawnSync(kopaBinary, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(result.status, 0, `kopa ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// Two small results: baseline and two levers, 5 replicates of 500 founders over 36 months.
// TOML tables that put a scenario's founders in one village of `population` people, many of them
// with an idea or a micro-project already, start-ups sustained after 3 self-sufficient months.
export function villageToml(population) {
  return ['[founders]', 'initial_idea_share = 0.3', 'initial_micro_project_share = 0.3',
    '[startups]', 'self_sufficiency_months = 3',
    '[[region]]', 'name = "village"', 'country = "latvia"', `population = ${population}`,
    'has_len = true', 'has_incubator = true', ''].join('\n');
}

export function smallRun(folder) {
  // A village of 500 people, one agent each, many with an idea or a micro-project already and
  // start-ups sustained after 3 self-sufficient months: at real residents' rates (docs/ODD.md)
  // 500 agents of the shipped regions would show nothing in 36 months, and every chart needs
  // something to draw.
  const scenarios = path.join(sourceDir, 'scenarios');
  const files = ['baseline', 'seed_funding', 'one_roof'].map((name) => {
    const file = path.join(folder, `${name}.toml`);
    fs.writeFileSync(file, [
      `name = "${name}"`, `extends = "${path.join(scenarios, `${name}.toml`)}"`,
      villageToml(500)].join('\n'));
    return file;
  });
  const file = path.join(folder, 'run.h5');
  kopa('run', ...files, '-r', '5', '--set', 'simulation.founders=500', '--months', '36',
    '-o', file, '--quiet');
  return file;
}

// The chromium on PATH (or $KOPA_CHROMIUM): Debian's, never a downloaded one.
function chromiumPath() {
  if (process.env.KOPA_CHROMIUM) return process.env.KOPA_CHROMIUM;
  for (const folder of (process.env.PATH || '').split(':')) {
    const candidate = path.join(folder || '.', 'chromium');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new Error('no chromium on PATH: scripts/setup-deps.sh installs Debian\'s');
}

// Chromium with a fresh profile, headless, nothing in the background that talks to a network.
export async function openBrowser(folder) {
  const args = ['--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  const profile = fs.mkdtempSync(path.join(folder, 'profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(), args, headless: true, acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
}

// Records what must not happen on a page: console errors and warnings (vega reports bad specs
// as warnings), uncaught errors, and any request that leaves the file (each is aborted).
export async function watch(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    problems.push(`network request: ${url}`);
    return route.abort();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`network request: ${url}`);
    }
  });
  return problems;
}

// Opens a report page and waits until its script has rendered every chart.
export async function openReport(context, file) {
  const page = await context.newPage();
  const problems = await watch(page);
  await page.goto('file://' + file);
  await page.waitForFunction(() => document.body.dataset.chartsRendered !== undefined, null,
    { timeout: 60000 });
  return { page, problems };
}

// Every chart slot rendered an SVG with marks in it; returns the chart ids.
export async function expectEveryChartDrawn(page) {
  const charts = await page.$$eval('[data-chart]', (slots) => slots.map((slot) => ({
    id: slot.dataset.chart,
    rendered: slot.dataset.rendered,
    marks: slot.querySelectorAll('svg .role-mark > *').length,
  })));
  const specs = await page.evaluate(
    () => Object.keys(JSON.parse(document.getElementById('kopa-chart-specs').textContent)));
  assert.deepEqual(charts.map((c) => c.id), specs, 'a slot for every spec, in order');
  assert.ok(charts.length > 0, 'the page has charts');
  for (const chart of charts) {
    assert.equal(chart.rendered, 'true', `chart ${chart.id} rendered`);
    assert.ok(chart.marks > 0, `chart ${chart.id} has marks`);
  }
  return charts.map((c) => c.id);
}

// A PNG with a real size: its signature, and width and height from its IHDR chunk.
export function expectPng(bytes, what) {
  assert.ok(bytes.length > 1000, `${what}: ${bytes.length} bytes`);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    `${what} is a PNG`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  assert.ok(bytes.readUInt32BE(16) > 100 && bytes.readUInt32BE(20) > 50, `${what} has a size`);
}
