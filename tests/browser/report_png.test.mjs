// kopa report --png DIR: every chart of the page as a PNG, drawn by headless Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { expectPng, kopa, scratchFolder, smallRun } from './browser.mjs';

test('--png writes one PNG per chart of the page', { timeout: 180000 }, () => {
  const folder = scratchFolder('png');
  const run = smallRun(folder);
  const html = path.join(folder, 'run.html');
  const pngs = path.join(folder, 'charts');
  kopa('report', run, '-o', html, '--png', pngs);
  const page = fs.readFileSync(html, 'utf8');
  const ids = [...page.matchAll(/<div class="kopa-chart" id="([^"]+)" data-chart=/g)].map((m) => m[1]);
  assert.ok(ids.length > 10, `${ids.length} charts`);
  assert.deepEqual(fs.readdirSync(pngs).sort(), ids.map((id) => `${id}.png`).sort());
  for (const id of ids) expectPng(fs.readFileSync(path.join(pngs, `${id}.png`)), id);
  // Nothing else was left in the folder (no temporary files, no Chromium profile) beside the
  // run's own scenario files.
  assert.deepEqual(fs.readdirSync(folder).filter((name) => !name.endsWith('.toml')).sort(),
    ['charts', 'run.h5', 'run.html']);
});
