// NML Matching — monitoring dashboard. Plain ES module, no build step. Everything it shows comes from the JSON API,
// called with the X-Api-Key the user typed in (kept in sessionStorage only, never in localStorage or the URL).
// Charts are drawn with Chart.js (vendor/chart.umd.min.js, the global `Chart`); every chart has a table with the
// same numbers. Small numbers arrive as the string "<5", counts withheld so that a "<5" cannot be worked out as "x"
// (docs/monitoring.md, D39), and derived figures as null: tables show "<5", "x" and "–" (the marks with their meaning
// spelled out for screen readers and as a tooltip), charts leave such values out (null), never plot a made-up number.
// The page never adds or subtracts counts itself: every total comes from the API.

const KEY_STORAGE = 'nml.apiKey';
const API_ROOT = new URL('../api/v1/', document.baseURI);
const SMALL = '<5';
const WITHHELD = 'x';
/** What the marks mean, read out by screen readers instead of the bare sign. */
const MARKS = {
  [SMALL]: 'minder dan 5',
  [WITHHELD]: 'afgeschermd',
};

const $ = (selector) => document.querySelector(selector);
const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const fraction = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

const STATUS_NL = { OnTrack: 'Op schema', Behind: 'Achter', Met: 'Gehaald' };
const ROLE_NL = { Admin: 'beheerder', Matchingspunt: 'Matchingspunt', Gemeente: 'gemeente', Corporatie: 'corporatie', Zorgaanbieder: 'zorgaanbieder' };

// Colours with at least 4.5:1 contrast on white, told apart by lightness as well as hue; the tables carry the numbers.
const COLOURS = { primary: '#1f4e8c', secondary: '#a34700', tertiary: '#2f6b2f' };

const state = {
  me: null,
  regions: [],
  gemeenten: [],
  charts: new Map(),
  generation: 0,
  lastQuery: null,
};

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `De server antwoordde met status ${status}.`);
    this.status = status;
    this.code = problem?.code ?? null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// API access

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

function apiUrl(path, params) {
  const url = new URL(path, API_ROOT);
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return url;
}

async function request(path, params, accept = 'application/json') {
  const response = await fetch(apiUrl(path, params), {
    headers: { 'X-Api-Key': apiKey() ?? '', Accept: accept },
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: the status says enough.
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function getJson(path, params) {
  return (await request(path, params)).json();
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

function showError(message) {
  const alert = $('#alert');
  alert.textContent = message;
}

function clearError() {
  $('#alert').textContent = '';
}

function setStatus(text) {
  $('#status').textContent = text;
}

// ---------------------------------------------------------------------------------------------------------------
// Values: numbers, "<5" and null

/** The value a chart plots: the number, or null for "<5", "x", null and anything else. */
function plotted(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The raw value as the data-value attribute carries it: the number, "<5", "x", or "null". */
function rawValue(value) {
  if (value === null || value === undefined) return 'null';
  return String(value);
}

function display(value, format = number) {
  if (value === SMALL || value === WITHHELD) return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return format.format(value);
}

/**
 * Puts a value in an element: the raw one in data-value, the formatted one as text. A mark ("<5", "x") is shown as
 * the sign with its meaning as a tooltip, and read out as its meaning ("minder dan 5", "afgeschermd").
 */
function showValue(element, value, format = number) {
  element.dataset.value = rawValue(value);
  const meaning = typeof value === 'string' ? MARKS[value] : undefined;
  if (meaning === undefined) {
    element.textContent = display(value, format);
    return;
  }
  const sign = document.createElement('abbr');
  sign.className = 'mark';
  sign.title = meaning;
  sign.setAttribute('aria-hidden', 'true');
  sign.textContent = value;
  const spoken = document.createElement('span');
  spoken.className = 'visually-hidden';
  spoken.textContent = meaning;
  element.replaceChildren(sign, spoken);
}

function setFigure(selector, value, format = number) {
  showValue($(selector), value, format);
}

/** A table cell with the formatted value and the raw one in data-value. */
function valueCell(value, format = number) {
  const cell = document.createElement('td');
  cell.className = 'num';
  showValue(cell, value, format);
  return cell;
}

function textCell(text, header = false) {
  const cell = document.createElement(header ? 'th' : 'td');
  if (header) cell.scope = 'row';
  cell.textContent = text ?? '–';
  return cell;
}

function fillTable(selector, rows, emptyText, columnCount) {
  const body = $(`${selector} tbody`);
  body.replaceChildren();
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = columnCount;
    cell.className = 'empty';
    cell.textContent = emptyText;
    row.append(cell);
    body.append(row);
    return;
  }
  for (const cells of rows) {
    const row = document.createElement('tr');
    row.append(...cells);
    body.append(row);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Charts

function drawChart(id, type, labels, datasets, options = {}) {
  const canvas = document.getElementById(id);
  const existing = state.charts.get(id);
  if (existing) existing.destroy();
  const chart = new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: datasets.map((dataset, index) => {
        const colour = [COLOURS.primary, COLOURS.secondary, COLOURS.tertiary][index % 3];
        return {
          borderColor: colour,
          backgroundColor: type === 'line' ? colour : colour + (index === 0 ? '' : 'cc'),
          borderWidth: type === 'line' ? 2 : 1,
          pointStyle: ['circle', 'rect', 'triangle'][index % 3],
          pointRadius: 4,
          spanGaps: false,
          ...dataset,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: datasets.length > 1, labels: { color: '#1a1a1a', usePointStyle: true } },
        tooltip: { enabled: true },
      },
      scales: {
        x: { ticks: { color: '#1a1a1a', autoSkip: false, maxRotation: 60 } },
        y: { beginAtZero: true, ticks: { color: '#1a1a1a', precision: 0 }, ...(options.y ?? {}) },
      },
    },
  });
  state.charts.set(id, chart);
  return chart;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign in and out

function showLogin() {
  $('#login').hidden = false;
  $('#dashboard').hidden = true;
  $('#logout').hidden = true;
  $('#who').textContent = '';
  document.body.dataset.state = 'signed-out';
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  state.me = null;
  state.generation++;
  for (const chart of state.charts.values()) chart.destroy();
  state.charts.clear();
  $('#api-key').value = '';
  showLogin();
  if (message) showError(message);
  else clearError();
  $('#api-key').focus();
}

async function signIn() {
  document.body.dataset.state = 'loading';
  try {
    state.me = await getJson('me');
  } catch (error) {
    signOut(`Aanmelden mislukt: ${error.message}`);
    return;
  }
  clearError();
  $('#login').hidden = true;
  $('#dashboard').hidden = false;
  $('#logout').hidden = false;
  const me = state.me;
  $('#who').textContent = me.organisationName
    ? `Aangemeld als ${me.organisationName} (${ROLE_NL[me.role] ?? me.role})`
    : `Aangemeld als ${ROLE_NL[me.role] ?? me.role}`;
  try {
    await loadRegions();
    setDefaultPeriod();
  } catch (error) {
    fail(error);
    return;
  }
  await refresh();
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The twelve months up to today: to = today, from = to − 1 year + 1 day (as the API's default). */
function setDefaultPeriod() {
  const today = new Date();
  // A year back (29 February becomes 28 February, as the API counts), then one day on.
  const lastDay = new Date(today.getFullYear() - 1, today.getMonth() + 1, 0).getDate();
  const yearBack = new Date(today.getFullYear() - 1, today.getMonth(), Math.min(today.getDate(), lastDay));
  const from = new Date(yearBack.getFullYear(), yearBack.getMonth(), yearBack.getDate() + 1);
  $('#f-to').value = isoDate(today);
  $('#f-from').value = isoDate(from);
}

async function loadRegions() {
  const page = await getJson('regions', { pageSize: 100 });
  const me = state.me;
  state.regions = me.role === 'Admin' ? page.items : page.items.filter((r) => r.code === me.regionCode);
  const select = $('#f-region');
  select.replaceChildren(...state.regions.map((r) => option(r.code, r.name)));
  if (me.regionCode && state.regions.some((r) => r.code === me.regionCode)) select.value = me.regionCode;
  await loadRegion();
}

async function loadRegion() {
  const regionCode = $('#f-region').value;
  const region = state.regions.find((r) => r.code === regionCode);
  const points = $('#f-point');
  points.replaceChildren(option('', 'alle'), ...(region?.points ?? []).map((p) => option(p.code, p.name)));
  const page = regionCode ? await getJson('gemeenten', { region: regionCode, pageSize: 100 }) : { items: [] };
  state.gemeenten = page.items;
  fillGemeenten();
}

function pointOf(gemeente) {
  return gemeente.point ?? gemeente.pointCode ?? null;
}

function fillGemeenten() {
  const me = state.me;
  const point = $('#f-point').value;
  const select = $('#f-gemeente');
  const previous = select.value;
  let gemeenten = state.gemeenten.filter((g) => !point || pointOf(g) === point);
  // A municipality sees its own municipality in detail; the rest only as the regional aggregate. Corporations
  // and care providers see regional aggregates only.
  if (me.role === 'Gemeente') gemeenten = gemeenten.filter((g) => g.code === me.gemeenteCode);
  else if (me.role !== 'Admin' && me.role !== 'Matchingspunt') gemeenten = [];
  select.replaceChildren(option('', point ? 'heel het punt' : 'hele regio'), ...gemeenten.map((g) => option(g.code, g.name)));
  if (gemeenten.some((g) => g.code === previous)) select.value = previous;
}

function currentFilters() {
  return {
    regionCode: $('#f-region').value,
    point: $('#f-point').value,
    gemeente: $('#f-gemeente').value,
    from: $('#f-from').value,
    to: $('#f-to').value,
  };
}

function queryString(filters) {
  return apiUrl('x', filters).search;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and rendering

function fail(error) {
  document.body.dataset.state = 'error';
  if (error instanceof ApiError && error.status === 401) {
    signOut(`Uw sleutel is niet (meer) geldig: ${error.message}`);
    return;
  }
  showError(error instanceof ApiError ? error.message : `Er ging iets mis: ${error.message}`);
  setStatus('');
}

async function loadAgreements(filters) {
  if (state.me.role === 'Zorgaanbieder') return null; // not shown to care providers
  const year = Number(filters.to.slice(0, 4));
  const page = await getJson('performance-agreements', { year, gemeente: filters.gemeente, pageSize: 100 });
  const inPoint = new Set(state.gemeenten.filter((g) => !filters.point || pointOf(g) === filters.point).map((g) => g.code));
  const items = page.items.filter((a) => (!a.regionCode || a.regionCode === filters.regionCode) && inPoint.has(a.gemeenteCode));
  return { year, items };
}

async function refresh() {
  const filters = currentFilters();
  if (!filters.from || !filters.to) {
    showError('Vul een begin- en einddatum in.');
    return;
  }
  if (filters.from > filters.to) {
    showError('De begindatum ligt na de einddatum.');
    return;
  }
  const generation = ++state.generation;
  document.body.dataset.state = 'loading';
  setStatus('Gegevens worden geladen…');
  clearError();
  try {
    const [summary, spreiding, supply, agreements] = await Promise.all([
      getJson('monitoring/summary', filters),
      getJson('monitoring/spreiding', filters),
      getJson('monitoring/supply', filters),
      loadAgreements(filters),
    ]);
    if (generation !== state.generation) return; // a newer request is under way
    renderQueue(summary);
    renderSpreiding(spreiding);
    renderAgreements(agreements);
    renderWaiting(summary);
    renderDeclines(summary);
    renderSupply(supply);
    $('#suppressed-note').hidden = !(summary.suppressed || spreiding.suppressed || supply.suppressed);
    state.lastQuery = filters;
    const dashboard = $('#dashboard');
    dashboard.dataset.query = queryString(filters);
    setStatus(`Bijgewerkt: ${filters.from} tot en met ${filters.to}.`);
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (generation === state.generation) fail(error);
  }
}

function renderQueue(summary) {
  const rows = summary.queue?.byGemeente ?? [];
  setFigure('#queue-total', summary.queue?.total);
  setFigure('#queue-urgent', summary.queue?.urgent);
  drawChart('chart-queue', 'bar', rows.map((r) => r.name), [
    { label: 'Wachtenden', data: rows.map((r) => plotted(r.count)) },
  ]);
  fillTable('#table-queue', rows.map((r) => [textCell(r.name, true), valueCell(r.count)]), 'Geen wachtenden.', 2);
}

function renderSpreiding(spreiding) {
  const rows = spreiding.gemeenten ?? [];
  setFigure('#spreiding-index', spreiding.index, fraction);
  setFigure('#spreiding-total', spreiding.totalPlacements);
  drawChart('chart-spreiding', 'bar', rows.map((r) => r.name), [
    { label: 'Plaatsingen', data: rows.map((r) => plotted(r.placements)) },
    { label: 'Verwacht (eerlijk aandeel)', data: rows.map((r) => plotted(r.expected)) },
  ]);
  fillTable('#table-spreiding', rows.map((r) => [
    textCell(r.name, true),
    valueCell(r.placements),
    valueCell(r.fairShare, percent),
    valueCell(r.expected),
    valueCell(r.ratio, fraction),
  ]), 'Geen gemeenten.', 5);

  const quarters = spreiding.byQuarter ?? [];
  drawChart('chart-spreiding-quarter', 'line', quarters.map((q) => q.quarter), [
    { label: 'Spreidingsindex', data: quarters.map((q) => plotted(q.index)) },
  ], { y: { min: 0, max: 1, ticks: { color: '#1a1a1a', precision: 1 } } });
  fillTable('#table-spreiding-quarter', quarters.map((q) => [
    textCell(q.quarter, true),
    valueCell(q.placements),
    valueCell(q.index, fraction),
  ]), 'Geen kwartalen in deze periode.', 3);
}

function renderAgreements(agreements) {
  const section = $('#s-agreements');
  section.hidden = agreements === null;
  if (agreements === null) return;
  $('#agreements-year').textContent = `(${agreements.year})`;
  $('#agreements-empty').hidden = agreements.items.length > 0;
  $('#table-agreements').hidden = agreements.items.length === 0;
  fillTable('#table-agreements', agreements.items.map((a) => {
    const progressCell = document.createElement('td');
    const progress = document.createElement('progress');
    const realised = plotted(a.realisedUnits);
    progress.max = a.targetUnits;
    if (realised !== null) progress.value = Math.min(realised, a.targetUnits);
    progress.dataset.value = rawValue(a.percentage);
    progress.setAttribute('aria-label', `${a.corporationName}, ${a.gemeenteName}: ${display(a.percentage)} procent van de afspraak`);
    const label = document.createElement('span');
    label.className = 'progress-label';
    label.textContent = a.percentage === null || a.percentage === undefined ? '–' : `${display(a.percentage)}%`;
    progressCell.append(progress, label);
    const status = document.createElement('td');
    status.dataset.value = a.status;
    status.className = `status status-${String(a.status).toLowerCase()}`;
    status.textContent = STATUS_NL[a.status] ?? a.status;
    return [
      textCell(a.corporationName, true),
      textCell(a.gemeenteName),
      valueCell(a.targetUnits),
      valueCell(a.realisedUnits),
      progressCell,
      valueCell(a.expectedByNow),
      status,
    ];
  }), 'Geen prestatieafspraken.', 7);
}

function renderWaiting(summary) {
  const waiting = summary.waitingTime ?? {};
  setFigure('#waiting-median', waiting.medianDays);
  setFigure('#waiting-p90', waiting.p90Days);
  setFigure('#waiting-tenancies', waiting.tenancies);
  const quarters = summary.waitingTimeByQuarter ?? [];
  drawChart('chart-waiting', 'line', quarters.map((q) => q.quarter), [
    { label: 'Mediane wachttijd (dagen)', data: quarters.map((q) => plotted(q.medianDays)) },
  ]);
  fillTable('#table-waiting', quarters.map((q) => [
    textCell(q.quarter, true),
    valueCell(q.tenancies),
    valueCell(q.medianDays),
  ]), 'Geen kwartalen in deze periode.', 3);
}

/** The label of a decline bar: the reason code with the party that declined. */
function declineLabel(d) {
  return d.party ? `${d.reasonCode} (${d.party})` : d.reasonCode;
}

function renderDeclines(summary) {
  const rows = summary.declines ?? [];
  drawChart('chart-declines', 'bar', rows.map(declineLabel), [
    { label: 'Afwijzingen', data: rows.map((d) => plotted(d.count)) },
  ]);
  // Fewer than five declines are not broken down by reason (the API sends no rows): say so rather than "none".
  const empty = summary.workflow?.declines === SMALL
    ? 'Minder dan 5 afwijzingen: niet uitgesplitst naar reden.'
    : 'Geen afwijzingen in deze periode.';
  fillTable('#table-declines', rows.map((d) => [
    textCell(d.reasonCode, true),
    textCell(d.party),
    valueCell(d.count),
  ]), empty, 3);
}

function renderSupply(supply) {
  const totals = supply.totals ?? {};
  setFigure('#supply-posted', totals.posted);
  setFigure('#supply-let', totals.let);
  setFigure('#supply-withdrawn', totals.withdrawn);
  setFigure('#supply-open', totals.openNow);
  setFigure('#supply-median', totals.medianDaysToLet);
  const shortages = supply.shortages ?? [];
  drawChart('chart-supply', 'bar', shortages.map((s) => s.label ?? s.need), [
    { label: 'Kandidaten', data: shortages.map((s) => plotted(s.candidates)) },
    { label: 'Woningen', data: shortages.map((s) => plotted(s.units)) },
  ]);
  fillTable('#table-shortages', shortages.map((s) => [
    textCell(s.label ?? s.need, true),
    valueCell(s.candidates),
    valueCell(s.units),
    valueCell(s.gap),
  ]), 'Geen tekorten bekend.', 4);
  const rows = supply.rows ?? [];
  fillTable('#table-supply', rows.map((r) => [
    textCell(r.name, true),
    textCell(r.ownerName),
    valueCell(r.posted),
    valueCell(r.let),
    valueCell(r.withdrawn),
    valueCell(r.medianDaysToLet),
  ]), 'Geen aanbod in deze periode.', 6);
}

// ---------------------------------------------------------------------------------------------------------------
// CSV downloads: a plain link cannot send the key, so fetch the file and hand it to the browser as a blob.

/** The file name the server proposes in Content-Disposition, if any. */
function fileName(response) {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

async function downloadCsv(report, button) {
  const filters = state.lastQuery ?? currentFilters();
  // report=agreements takes the year of 'to', as the page does.
  const params = { ...filters, report, format: 'csv' };
  button.disabled = true;
  try {
    const response = await request('monitoring/export', params, 'text/csv');
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(response) ?? `nml-${report}-${filters.from}-${filters.to}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    fail(error);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Wiring

function start() {
  $('#login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    if (!key) {
      showError('Vul de API-sleutel in.');
      $('#api-key').focus();
      return;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    $('#api-key').value = '';
    signIn();
  });
  $('#logout').addEventListener('click', () => signOut());
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('#f-region').addEventListener('change', async () => {
    try {
      await loadRegion();
    } catch (error) {
      fail(error);
    }
  });
  $('#f-point').addEventListener('change', fillGemeenten);
  for (const button of document.querySelectorAll('button.csv')) {
    button.addEventListener('click', () => downloadCsv(button.dataset.report, button));
  }

  if (typeof Chart === 'undefined') {
    showError('De grafiekbibliotheek kon niet worden geladen.');
    return;
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1a1a1a';

  if (apiKey()) signIn();
  else showLogin();
}

start();
