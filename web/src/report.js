// A `kopa report` page: renders the chart specs embedded in the page. Opened with
// #kopa-export-png (as `kopa report --png` does, in headless Chromium) it also writes every
// chart's PNG into the page, one line per chart, "<id> <data URL>", then "end <count>".
(function () {
  'use strict';

  async function exportPngs(ids) {
    const lines = [];
    for (const id of ids) lines.push(id + ' ' + (await kopaCharts.imageURL(id, 'png')));
    lines.push('end ' + ids.length);
    const out = document.createElement('pre');
    out.id = 'kopa-png-export';
    out.hidden = true;
    out.textContent = lines.join('\n');
    document.body.appendChild(out);
  }

  async function start() {
    const specs = JSON.parse(document.getElementById('kopa-chart-specs').textContent);
    const count = await kopaCharts.renderAll(specs);
    document.body.dataset.chartsRendered = String(count);
    if (location.hash === '#kopa-export-png') await exportPngs(Array.from(kopaCharts.views.keys()));
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch((error) => console.error('kopa report: ' + error.message));
  });
})();
