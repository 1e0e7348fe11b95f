// The workshop page of `kopa serve`: controls generated from the parameter table
// (GET /api/parameters: workshop slider ranges), presets from the scenarios
// (GET /api/scenarios), and on every change a what-if against the starting scenario
// (POST /api/whatif), drawn as fan charts and said in plain words. Every text comes from the
// message catalogue (web/messages/<language>.json, inlined as #kopa-messages); a language is
// a file, not code.
(function () {
  'use strict';

  const catalogue = JSON.parse(document.getElementById('kopa-messages').textContent);
  const headline = ['founders_sustained', 'founders_startup', 'jobs_disadvantaged',
    'money_share_disadvantaged', 'collaborations', 'public_cost'];
  const state = {
    language: pickLanguage(),
    parameters: [], // from the API, table order
    byPath: new Map(),
    scenarios: [],
    base: null, // the starting scenario's name
    regionPresets: [], // [{name, regions, people}] from GET /api/scenarios
    regions: '', // the region preset chosen for both scenarios; '' keeps the start's own
    targeting: [], // [{lever, regions: path, groups: path or null}] from GET /api/parameters
    groups: [],
    where: new Map(), // lever -> the one region it acts in ('' or absent: everywhere)
    who: new Map(), // lever -> the one group it is for ('' or absent: its usual groups)
    from: new Map(), // lever -> its first month as "YYYY-MM" ('' or absent: as the slider says)
    values: new Map(), // path -> the what-if's value
    replicates: 10,
    session: 'tab-' + Math.random().toString(36).slice(2, 10),
    sequence: 0, // the newest request's number; older answers are dropped
    controller: null, // aborts the fetch a newer change supersedes
    timer: null,
    answer: null, // the last what-if's answer
    tried: [], // [{number, base, set, answer}]
  };

  // ---- messages and numbers ---------------------------------------------------------------

  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked && catalogue[asked]) return asked;
    const browser = (navigator.language || 'en').slice(0, 2);
    return catalogue[browser] ? browser : catalogue.en ? 'en' : Object.keys(catalogue)[0];
  }

  // The message `key` of the page's language with {name} filled in. A key that language lacks
  // falls back to English and is logged, so a catalogue's gap shows in the console.
  function t(key, values = {}) {
    let text = catalogue[state.language][key];
    if (text === undefined) {
      console.error('message "' + key + '" missing in ' + state.language + '.json');
      text = (catalogue.en && catalogue.en[key]) || key;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }
  const has = (key) => key in catalogue[state.language];
  const locale = () => t('language.locale');

  function number(x, digits = 3) {
    if (x === null || !Number.isFinite(x)) return '–';
    return new Intl.NumberFormat(locale(), { maximumSignificantDigits: digits }).format(x);
  }
  function signed(x, digits = 3) {
    if (x === null || !Number.isFinite(x)) return '–';
    return new Intl.NumberFormat(locale(), { maximumSignificantDigits: digits, signDisplay: 'exceptZero' }).format(x);
  }
  function euros(x, sign = false) {
    if (x === null || !Number.isFinite(x)) return '–';
    return new Intl.NumberFormat(locale(), {
      style: 'currency', currency: 'EUR', notation: 'compact', maximumSignificantDigits: 3,
      signDisplay: sign ? 'exceptZero' : 'auto',
    }).format(x);
  }
  // The money share is a share 0..1: said in percentage points.
  const scale = (metric) => (metric === 'money_share_disadvantaged' ? 100 : 1);

  // ---- building the page ------------------------------------------------------------------

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }
  // An element whose text is the message `key`; redrawn when the language changes.
  function label(tag, key, attributes = {}) {
    return element(tag, { ...attributes, 'data-i18n': key, text: t(key) });
  }

  function layout() {
    const root = document.getElementById('workshop');
    const languages = element('select', { id: 'language', onchange: (e) => setLanguage(e.target.value) });
    for (const code of Object.keys(catalogue)) {
      languages.append(element('option', { value: code, text: catalogue[code]['language.name'] }));
    }
    languages.value = state.language;
    root.replaceChildren(
      element('header', { class: 'kopa-workshop-header' },
        label('h1', 'page.title'),
        element('label', {}, label('span', 'page.language'), languages)),
      label('p', 'page.lead', { class: 'kopa-lead' }),
      element('div', { class: 'kopa-workshop' },
        element('section', { id: 'controls', class: 'kopa-controls' }),
        element('section', { class: 'kopa-results' },
          element('p', { id: 'status', role: 'status', 'aria-live': 'polite' }),
          element('ul', { id: 'warnings', class: 'kopa-warnings' }),
          label('h2', 'results.heading'),
          element('ul', { id: 'sentences' }),
          label('p', 'results.note', { class: 'kopa-notes' }),
          label('h2', 'cost.heading'),
          element('ul', { id: 'cost' }),
          label('h2', 'charts.heading'),
          element('p', { id: 'chart-caption', class: 'kopa-caption' }),
          element('div', { class: 'kopa-actions' },
            label('button', 'export.png', { type: 'button', id: 'export-png', onclick: exportPng }),
            label('button', 'export.results', { type: 'button', id: 'export-results', onclick: exportResults })),
          element('div', { class: 'kopa-fans' }, ...headline.map((metric) =>
            element('div', { class: 'kopa-chart', 'data-chart': 'fan-' + metric }))),
          label('h2', 'tried.heading'),
          element('div', { id: 'tried' }))));
    controls();
  }

  function setLanguage(code) {
    state.language = code;
    document.documentElement.lang = code;
    document.title = t('page.title');
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-lever]')) node.textContent = leverName(node.dataset.lever);
    for (const node of document.querySelectorAll('[data-parameter-label]')) {
      node.textContent = parameterName(node.dataset.parameterLabel);
    }
    for (const node of document.querySelectorAll('[data-meaning]')) node.title = meaning(node.dataset.meaning);
    for (const option of document.querySelectorAll('[data-choice]')) option.textContent = t('choice.' + option.dataset.choice);
    for (const option of document.querySelectorAll('[data-scenario]')) {
      option.title = description(state.scenarios.find((s) => s.name === option.dataset.scenario));
    }
    for (const option of document.querySelectorAll('#preset option[value=""]')) option.textContent = t('controls.preset.none');
    for (const option of document.querySelectorAll('[data-group]')) option.textContent = t('group.' + option.dataset.group);
    population(state.answer);
    for (const input of document.querySelectorAll('input[data-path]')) showValue(input.dataset.path);
    if (state.answer) show(state.answer);
    tried();
  }

  const leverName = (lever) => t('lever.' + lever);
  // Featured parameters have a name in the catalogue; the rest are named by their path.
  const parameterName = (path) => (has('parameter.' + path) ? t('parameter.' + path) : path);
  // A scenario's description: a shipped scenario's (its English text is en.json's
  // scenario.<name>) in the page's language; a scenario of one's own as its file says.
  function description(scenario) {
    const key = 'scenario.' + scenario.name;
    return catalogue.en && catalogue.en[key] === scenario.description ? t(key) : scenario.description;
  }
  // A parameter's meaning (the table's, in the catalogue as meaning.<path>) and its unit
  // (unit.<unit>; "1" and "-" have none), for the hover text.
  function meaning(path) {
    const unit = state.byPath.get(path).unit;
    return t('meaning.' + path) + (unit && unit !== '-' && unit !== '1' ? ' [' + t('unit.' + unit) + ']' : '');
  }

  // ---- the controls -----------------------------------------------------------------------

  function baseValue(spec) {
    const scenario = state.scenarios.find((s) => s.name === state.base);
    return scenario && spec.path in scenario.values ? scenario.values[spec.path] : spec.default;
  }

  const baseScenario = () => state.scenarios.find((s) => s.name === state.base);
  // The regions both scenarios run in: the chosen preset's, else the starting scenario's own.
  function currentRegions() {
    const preset = state.regionPresets.find((p) => p.name === state.regions);
    return preset ? preset.regions : (baseScenario() || { regions: [] }).regions;
  }

  // Whom the run stands for: from the last answer, else from the starting scenario.
  function population(answer) {
    const node = document.getElementById('population');
    if (!node) return;
    let people = null;
    let agents = null;
    let regions = currentRegions();
    if (answer) {
      ({ people, agents } = answer.population);
      regions = answer.regions;
    } else if (baseScenario() && !state.regions) {
      ({ people, agents } = baseScenario().population);
    }
    if (people === null) {
      node.textContent = '';
      return;
    }
    node.textContent = t('population.text', {
      people: number(people, 6), agents: number(agents, 6), per: number(people / agents, 3),
      regions: regions.map((r) => r.name + ' (' + r.country + ')').join(', '),
    });
  }

  // A lever's targeting: one region, one group where it takes groups, and a first month as a date.
  function targetingRow(lever) {
    const paths = state.targeting.find((entry) => entry.lever === lever);
    if (!paths) return null;
    const where = element('select', { 'data-where': lever, onchange: (e) => { state.where.set(lever, e.target.value); schedule(); } });
    const row = element('div', { class: 'kopa-row kopa-targeting' },
      element('label', {}, label('span', 'controls.where'), where));
    if (paths.groups) {
      const who = element('select', { 'data-who': lever, onchange: (e) => { state.who.set(lever, e.target.value); schedule(); } },
        element('option', { value: '', 'data-i18n': 'controls.everyone', text: t('controls.everyone') }),
        ...state.groups.map((g) => element('option', { value: g, 'data-group': g, text: t('group.' + g) })));
      row.append(element('label', {}, label('span', 'controls.who'), who));
    }
    const from = element('input', { type: 'month', 'data-from': lever, onchange: (e) => { state.from.set(lever, e.target.value); schedule(); } });
    row.append(element('label', {}, label('span', 'controls.from'), from));
    return row;
  }

  // The region choices follow the regions both scenarios run in; a date needs a calendar start.
  function syncTargeting() {
    const names = currentRegions().map((r) => r.name);
    for (const select of document.querySelectorAll('select[data-where]')) {
      const lever = select.dataset.where;
      if (!names.includes(state.where.get(lever))) state.where.delete(lever);
      select.replaceChildren(element('option', { value: '', 'data-i18n': 'controls.everywhere', text: t('controls.everywhere') }),
        ...names.map((name) => element('option', { value: name, text: name })));
      select.value = state.where.get(lever) || '';
    }
    for (const select of document.querySelectorAll('select[data-who]')) select.value = state.who.get(select.dataset.who) || '';
    const start = (baseScenario() || {}).start;
    for (const input of document.querySelectorAll('input[data-from]')) {
      input.disabled = !start;
      input.min = start || '';
      input.title = start ? '' : t('controls.from.none');
      input.value = state.from.get(input.dataset.from) || '';
    }
  }

  function controls() {
    const panel = document.getElementById('controls');
    const bases = element('select', { id: 'base', onchange: (e) => { state.base = e.target.value; resetValues(); } });
    const regions = element('select', { id: 'regions', onchange: (e) => { state.regions = e.target.value; syncTargeting(); population(null); schedule(); } },
      element('option', { value: '', 'data-i18n': 'controls.regions.own', text: t('controls.regions.own') }),
      ...state.regionPresets.map((preset) => element('option', { value: preset.name, text: preset.name + ' (' + number(preset.people, 6) + ')' })));
    const presets = element('select', { id: 'preset', onchange: (e) => applyPreset(e.target.value) },
      element('option', { value: '', text: t('controls.preset.none') }));
    for (const scenario of state.scenarios) {
      bases.append(element('option', { value: scenario.name, text: scenario.name, 'data-scenario': scenario.name, title: description(scenario) }));
      presets.append(element('option', { value: scenario.name, text: scenario.name, 'data-scenario': scenario.name, title: description(scenario) }));
    }
    bases.value = state.base;
    const levers = element('div', { class: 'kopa-levers' });
    for (const spec of state.parameters) {
      const match = /^levers\.(\w+)\.enabled$/.exec(spec.path);
      if (!match) continue;
      const lever = match[1];
      const sliders = state.parameters.filter((p) => p.workshop.featured && p.path.startsWith('levers.' + lever + '.') && p !== spec);
      levers.append(element('fieldset', { class: 'kopa-lever' },
        element('legend', {}, control(spec, leverName(lever), lever)),
        ...sliders.map((p) => row(p)), targetingRow(lever)));
    }
    const size = state.parameters.filter((p) => p.workshop.featured && p.path.startsWith('simulation.'));
    const replicates = element('input', {
      type: 'range', id: 'replicates', min: 2, max: 20, step: 1, value: state.replicates,
      oninput: (e) => { state.replicates = Number(e.target.value); e.target.nextSibling.textContent = e.target.value; schedule(); },
    });
    const all = element('details', { id: 'all-parameters' }, label('summary', 'controls.all'));
    let section = '';
    for (const spec of state.parameters) {
      if (spec.workshop.featured) continue;
      const head = spec.path.split('.')[0];
      if (head !== section) {
        section = head;
        all.append(label('h3', 'section.' + head));
      }
      all.append(row(spec));
    }
    panel.replaceChildren(
      label('h2', 'controls.heading'),
      element('label', { class: 'kopa-row' }, label('span', 'controls.base'), bases),
      element('label', { class: 'kopa-row' }, label('span', 'controls.regions'), regions),
      element('p', { id: 'population', class: 'kopa-caption' }),
      element('label', { class: 'kopa-row' }, label('span', 'controls.preset'), presets),
      label('button', 'controls.reset', { type: 'button', id: 'reset', onclick: resetValues }),
      label('h3', 'controls.levers'), levers,
      label('h3', 'controls.size'),
      ...size.map((p) => row(p)),
      element('label', { class: 'kopa-row' }, label('span', 'controls.replicates'), replicates,
        element('output', { text: String(state.replicates) })),
      all);
    regions.value = state.regions;
    syncTargeting();
    population(state.answer);
  }

  // One parameter: its name, its control and the value shown.
  function row(spec) {
    return element('div', { class: 'kopa-row', 'data-meaning': spec.path, title: meaning(spec.path) },
      element('span', { 'data-parameter-label': spec.path, text: parameterName(spec.path) }),
      control(spec));
  }

  function control(spec, name, lever) {
    const path = spec.path;
    const changed = (value) => { state.values.set(path, value); showValue(path); schedule(); };
    if (spec.type === 'boolean') {
      const box = element('input', { type: 'checkbox', 'data-path': path, onchange: (e) => changed(e.target.checked) });
      box.checked = state.values.get(path);
      if (name === undefined) return box;
      return element('label', { 'data-meaning': path, title: meaning(path) }, box, element('span', { 'data-lever': lever, text: name }));
    }
    if (spec.type === 'choice') {
      const select = element('select', { 'data-path': path, onchange: (e) => changed(e.target.value) },
        ...spec.choices.map((c) => element('option', { value: c, 'data-choice': c, text: t('choice.' + c) })));
      select.value = state.values.get(path);
      return select;
    }
    const w = spec.workshop;
    const slider = element('input', {
      type: 'range', 'data-path': path, min: w.min, max: w.max, step: w.step,
      oninput: (e) => changed(Number(e.target.value)),
    });
    slider.value = state.values.get(path);
    return element('span', { class: 'kopa-slider' }, slider, element('output', { 'data-value-of': path }));
  }

  function showValue(path) {
    const output = document.querySelector('output[data-value-of="' + CSS.escape(path) + '"]');
    if (output) output.textContent = number(state.values.get(path), 6);
  }

  function syncControls() {
    for (const input of document.querySelectorAll('[data-path]')) {
      const value = state.values.get(input.dataset.path);
      if (input.type === 'checkbox') input.checked = value;
      else input.value = value;
      showValue(input.dataset.path);
    }
  }

  function resetValues() {
    state.values = new Map(state.parameters.map((spec) => [spec.path, baseValue(spec)]));
    state.where = new Map();
    state.who = new Map();
    state.from = new Map();
    document.getElementById('preset').value = '';
    syncControls();
    syncTargeting();
    schedule();
  }

  // A shipped scenario's values (those that differ from the table's defaults) as the what-if.
  function applyPreset(name) {
    const scenario = state.scenarios.find((s) => s.name === name);
    if (!scenario) return;
    // The size of the simulation (simulation.*) stays: it belongs to both scenarios, and a
    // preset's own size (one agent per person) may be beyond a workshop what-if.
    state.values = new Map(state.parameters.map((spec) => [spec.path,
      spec.path.startsWith('simulation.') ? state.values.get(spec.path)
        : spec.path in scenario.values ? scenario.values[spec.path] : spec.default]));
    syncControls();
    schedule();
  }

  // What differs from the starting scenario: the request's "set".
  function changes() {
    const set = {};
    for (const spec of state.parameters) {
      const value = state.values.get(spec.path);
      if (value !== baseValue(spec)) set[spec.path] = value;
    }
    for (const [lever, region] of state.where) if (region) set['levers.' + lever + '.regions'] = [region];
    for (const [lever, group] of state.who) if (group) set['levers.' + lever + '.groups'] = [group];
    for (const [lever, month] of state.from) if (month) set['levers.' + lever + '.start_month'] = month;
    return set;
  }

  // ---- asking the server ------------------------------------------------------------------

  function status(key, values) {
    const node = document.getElementById('status');
    node.textContent = t(key, values);
    node.dataset.state = key;
  }

  // Slider moves arrive many a second: ask once they pause, and abandon an answer still coming.
  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(run, 150);
  }

  function request() {
    const body = { base: state.base, set: changes(), replicates: state.replicates, session: state.session };
    if (state.regions) body.regions = [state.regions];
    return body;
  }

  async function run(body = request()) {
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const sequence = ++state.sequence;
    status('status.running', { replicates: body.replicates });
    const started = performance.now();
    let response;
    try {
      response = await fetch('api/whatif', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body), signal: controller.signal,
      });
    } catch (error) {
      if (error.name === 'AbortError') return;
      status('status.error', { message: error.message });
      return;
    }
    const answer = await response.json();
    if (sequence !== state.sequence) return; // a newer change is on its way
    if (response.status === 409) return; // superseded on the server too
    if (response.status === 503) {
      status('status.busy');
      setTimeout(() => { if (sequence === state.sequence) run(body); }, 1000 * Number(response.headers.get('Retry-After') || 2));
      return;
    }
    if (!response.ok) {
      status('status.error', { message: answer.error });
      return;
    }
    const cached = answer.base_cached && answer.whatif_cached;
    status(cached ? 'status.cached' : 'status.done', { seconds: number((performance.now() - started) / 1000, 2) });
    state.answer = answer;
    remember(body, answer);
    show(answer);
  }

  // ---- showing an answer ------------------------------------------------------------------

  function whatifOf(answer) {
    return answer.comparison.scenarios.find((s) => s.name === answer.whatif);
  }
  function baseOf(answer) {
    return answer.comparison.scenarios.find((s) => s.name === answer.base);
  }
  const yearsOf = (answer) => number((answer.comparison.month + 1) / 12, 2);

  function sentence(answer, metric) {
    const d = whatifOf(answer).metrics[metric].difference;
    if (!d) return null;
    const k = scale(metric);
    const money = metric === 'public_cost';
    const format = (x) => (money ? euros(x, true) : signed(x * k));
    return t(d.excludes_zero ? 'results.more' : 'results.unclear', {
      change: format(d.mean), metric: t('metric.' + metric), low: format(d.ci_low), high: format(d.ci_high),
      years: yearsOf(answer), base: money ? euros(d.baseline_mean) : number(d.baseline_mean * k), scenario: answer.base,
    });
  }

  function costSentences(answer) {
    const lines = [];
    const d = whatifOf(answer).metrics.public_cost.difference;
    if (d) {
      lines.push(t('cost.difference', { change: euros(d.mean, true), low: euros(d.ci_low, true), high: euros(d.ci_high, true), years: yearsOf(answer) }));
    }
    const c = (whatifOf(answer).cost_effectiveness || {}).founders_sustained;
    if (!c) lines.push(t('cost.none'));
    else if (c.verdict === 'cost_per_additional') {
      lines.push(t('cost.per_extra', { estimate: euros(c.estimate), low: euros(c.ci_low), high: euros(c.ci_high) }));
    } else if (c.verdict === 'dominant') lines.push(t('cost.dominant'));
    else if (c.verdict === 'dominated') lines.push(t('cost.dominated'));
    else lines.push(t('cost.saving', { estimate: euros(c.estimate), low: euros(c.ci_low), high: euros(c.ci_high) }));
    return lines;
  }

  function show(answer) {
    // simulation.* (the size) applies to both: a what-if of nothing else is its start.
    const same = Object.keys(answer.set).every((path) => path.startsWith('simulation.'));
    const list = document.getElementById('sentences');
    list.replaceChildren(...(same ? [element('li', { text: t('results.none') })]
      : headline.filter((m) => m !== 'public_cost').map((m) => element('li', { 'data-metric': m, text: sentence(answer, m) || '–' }))));
    document.getElementById('cost').replaceChildren(...(same ? [] : costSentences(answer).map((text) => element('li', { text }))));
    document.getElementById('chart-caption').textContent = t('charts.caption', { replicates: answer.replicates });
    document.getElementById('warnings').replaceChildren(...answer.warnings.map((warning) =>
      element('li', {}, label('strong', 'results.warning'), ' ' + warningText(warning, answer))));
    population(answer);
    document.body.dataset.whatifs = String(state.tried.length);
    Promise.all(headline.map((metric) => kopaCharts.render(
      document.querySelector('[data-chart="fan-' + metric + '"]'), fanSpec(answer, metric))))
      .then(() => { document.body.dataset.chartsRendered = String(state.sequence); });
  }

  // kopa's resolution warning, worded from the catalogue: the server sends the message keys
  // and the numbers, and the page formats the numbers for the locale.
  function warningText(warning, answer) {
    const c = warning.capacity.values;
    const capacity = t(warning.capacity.message, {
      people: number(c.people, 3), funder: c.funder && t('funder.' + c.funder),
      budget: euros(c.budget), largest: euros(c.largest),
    });
    const v = warning.values;
    return t(warning.message, {
      scenario: v.scenario === answer.whatif ? t('charts.whatif') : v.scenario, region: v.region, capacity, per: number(v.per, 3), smallest: number(v.smallest, 12),
    });
  }

  // Median and 5-95 % band month by month, starting scenario and what-if in one chart.
  function fanSpec(answer, metric) {
    const k = scale(metric);
    const names = {
      [answer.base]: t('charts.base', { scenario: answer.base }),
      [answer.whatif]: t('charts.whatif'),
    };
    const values = [];
    for (const scenario of answer.series.scenarios) {
      const band = scenario.metrics[metric];
      band.median.forEach((median, month) => values.push({
        month, scenario: names[scenario.name], median: median * k, p05: band.p05[month] * k, p95: band.p95[month] * k,
      }));
    }
    const color = {
      field: 'scenario', type: 'nominal', title: null,
      scale: { domain: [names[answer.base], names[answer.whatif]], range: ['#6e7781', '#0b5cad'] },
    };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: t('chart.' + metric), width: 300, height: 160,
      data: { values },
      encoding: { x: { field: 'month', type: 'quantitative', title: t('charts.month') }, color },
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'p05', type: 'quantitative', title: null }, y2: { field: 'p95' } } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { field: 'median', type: 'quantitative' } } },
      ],
      config: { legend: { orient: 'bottom' } },
    };
  }

  // ---- what-ifs tried, export -------------------------------------------------------------

  function remember(body, answer) {
    const key = JSON.stringify([body.base, body.regions || null, body.set, body.replicates]);
    if (state.tried.some((entry) => entry.key === key)) return;
    state.tried.push({ key, number: state.tried.length + 1, body, answer });
    tried();
  }

  function changeText(set) {
    const parts = Object.entries(set).map(([path, value]) => {
      const lever = /^levers\.(\w+)\.enabled$/.exec(path);
      if (lever) return leverName(lever[1]) + ': ' + t(value ? 'controls.on' : 'controls.off');
      const where = /^levers\.(\w+)\.(regions|groups)$/.exec(path);
      if (where) {
        const names = where[2] === 'groups' ? value.map((g) => t('group.' + g)) : value;
        return leverName(where[1]) + ': ' + t(where[2] === 'groups' ? 'controls.who' : 'controls.where') + ' ' + names.join(', ');
      }
      return parameterName(path) + ' = ' + (typeof value === 'number' ? number(value, 6) : value);
    });
    return parts.length ? parts.join('; ') : t('tried.nothing');
  }

  function tried() {
    const holder = document.getElementById('tried');
    if (!holder) return;
    if (state.tried.length === 0) {
      holder.replaceChildren(element('p', { 'data-i18n': 'tried.empty', text: t('tried.empty') }));
      return;
    }
    const interval = (d, format) => (d ? format(d.mean) + ' [' + format(d.ci_low) + ', ' + format(d.ci_high) + ']' : '–');
    const table = element('table', { class: 'kopa-table', id: 'tried-table' },
      element('tr', {}, ...['tried.number', 'controls.base', 'tried.changes', 'tried.enterprises', 'tried.cost', 'tried.show']
        .map((key) => element('th', { 'data-i18n': key, text: t(key) }))));
    for (const entry of state.tried) {
      const w = whatifOf(entry.answer).metrics;
      table.append(element('tr', { 'data-whatif': entry.number },
        element('td', { text: String(entry.number) }),
        element('td', { text: entry.body.base + (entry.body.regions ? ' · ' + entry.body.regions.join(', ') : '') }),
        element('td', { text: changeText(entry.body.set) }),
        element('td', { class: 'num', text: interval(w.founders_sustained.difference, (x) => signed(x)) }),
        element('td', { class: 'num', text: interval(w.public_cost.difference, (x) => euros(x, true)) }),
        element('td', {}, element('button', { type: 'button', text: t('tried.show'), onclick: () => showTried(entry) }))));
    }
    holder.replaceChildren(table);
  }

  // Back to a what-if tried: its controls, and its answer (from the server's memory).
  function showTried(entry) {
    state.base = entry.body.base;
    document.getElementById('base').value = state.base;
    state.replicates = entry.body.replicates;
    state.regions = (entry.body.regions || [''])[0];
    document.getElementById('regions').value = state.regions;
    state.values = new Map(state.parameters.map((spec) => [spec.path,
      spec.path in entry.body.set && typeof entry.body.set[spec.path] !== 'string' ? entry.body.set[spec.path] : baseValue(spec)]));
    const listed = (kind) => new Map(state.targeting.map(({ lever }) => [lever,
      (entry.body.set['levers.' + lever + '.' + kind] || [''])[0]]));
    state.where = listed('regions');
    state.who = listed('groups');
    state.from = new Map(state.targeting.map(({ lever }) => {
      const month = entry.body.set['levers.' + lever + '.start_month'];
      return [lever, typeof month === 'string' ? month : ''];
    }));
    syncControls();
    syncTargeting();
    run(entry.body);
  }

  function exportPng() {
    kopaCharts.download('fan-founders_sustained', 'png');
  }

  async function exportResults() {
    const body = state.tried.length ? state.tried.find((e) => e.answer === state.answer)?.body || request() : request();
    const response = await fetch('api/export', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) {
      status('status.error', { message: (await response.json()).error });
      return;
    }
    const link = element('a', {
      href: URL.createObjectURL(await response.blob()), download: 'kopa-whatif-' + body.base + '.h5',
    });
    document.body.append(link);
    link.click();
    link.remove();
  }

  // ---- start ------------------------------------------------------------------------------

  async function start() {
    const [parameters, scenarios] = await Promise.all([
      fetch('api/parameters').then((r) => r.json()), fetch('api/scenarios').then((r) => r.json())]);
    state.parameters = parameters.parameters;
    state.byPath = new Map(state.parameters.map((spec) => [spec.path, spec]));
    state.targeting = parameters.targeting;
    state.groups = parameters.groups;
    state.scenarios = scenarios.scenarios;
    state.regionPresets = scenarios.region_presets;
    state.base = scenarios.default_base;
    state.values = new Map(state.parameters.map((spec) => [spec.path, baseValue(spec)]));
    layout();
    setLanguage(state.language);
    syncControls();
    status('status.idle');
    run();
  }

  start().catch((error) => {
    console.error(error);
    document.getElementById('workshop').textContent = 'kopa workshop: ' + error.message;
  });
})();
