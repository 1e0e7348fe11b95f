// kopa's charts in a page: Vega-Lite specifications built by kopa (sim/report) and rendered
// with the library's own runtime (vega, vega-lite, vega-embed, inlined before this script).
// Every chart gets PNG and SVG buttons. Shared by `kopa report` pages and the workshop page.
(function (global) {
  'use strict';

  const views = new Map(); // chart id -> vega View

  function chartFileName(id, type) {
    return 'kopa-' + id + '.' + type;
  }

  // A PNG (scale 2, for print) or SVG of a rendered chart, as a data: URL.
  async function imageURL(id, type) {
    const view = views.get(id);
    if (!view) throw new Error('no rendered chart "' + id + '"');
    return view.toImageURL(type, type === 'png' ? 2 : 1);
  }

  async function download(id, type) {
    const link = document.createElement('a');
    link.href = await imageURL(id, type);
    link.download = chartFileName(id, type);
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function exportButtons(id) {
    const bar = document.createElement('div');
    bar.className = 'kopa-export';
    for (const type of ['png', 'svg']) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = type.toUpperCase();
      button.title = 'Save this chart as ' + type.toUpperCase();
      button.dataset.export = type;
      button.addEventListener('click', () => download(id, type));
      bar.appendChild(button);
    }
    return bar;
  }

  // Renders `spec` into `slot` (an element with data-chart="<id>") and adds its export buttons;
  // rendering a slot again replaces its chart (the workshop page redraws on every what-if).
  // A chart that fails says so in its slot, and the error goes to the console.
  async function render(slot, spec) {
    const id = slot.dataset.chart;
    if (views.has(id)) {
      views.get(id).finalize();
      views.delete(id);
    }
    slot.replaceChildren();
    const figure = document.createElement('div');
    figure.className = 'kopa-figure';
    slot.appendChild(figure);
    try {
      const result = await vegaEmbed(figure, spec, { renderer: 'svg', actions: false });
      views.set(id, result.view);
      slot.appendChild(exportButtons(id));
      slot.dataset.rendered = 'true';
    } catch (error) {
      slot.dataset.rendered = 'false';
      figure.textContent = 'This chart could not be drawn: ' + error.message;
      console.error('chart ' + id + ': ' + error.message);
    }
  }

  // Every slot of the page, from the specs keyed by chart id.
  async function renderAll(specs) {
    const slots = Array.from(document.querySelectorAll('[data-chart]'));
    await Promise.all(slots.map((slot) => render(slot, specs[slot.dataset.chart])));
    return slots.length;
  }

  global.kopaCharts = { render, renderAll, imageURL, download, chartFileName, views };
})(window);
