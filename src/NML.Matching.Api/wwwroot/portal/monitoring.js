// NML Matching portal: draws the charts of the monitoring page (/monitoring). Plain script, no build step; loaded on
// every portal page (App.razor) and does nothing where there is no chart, so that it also works after blazor.web.js's
// enhanced navigation, which does not run the scripts of a page it patches in (it runs again on 'enhancedload').
//
// Every chart is drawn from the table beside it, which is its accessible equivalent: the table names its canvas in
// data-grafiek and its kind in data-soort ("bar" or "line"); the row headers are the labels; each column whose header
// has data-reeks is a data set, read from the cells' data-value. A "<5", an "x" or "null" is not a number: the chart
// leaves that bar or point out, it never plots a made-up number. Chart.js (the UMD build, vendored by web/vendor.sh)
// is loaded from the address in the data-chartjs attribute of the page's figures, only when there is a chart to draw.
(() => {
  'use strict';

  // Colours with at least 4.5:1 contrast on white, told apart by lightness and point style as well as hue.
  const COLOURS = ['#1f4e8c', '#a34700', '#2f6b2f'];
  const POINTS = ['circle', 'rect', 'triangle'];
  const TEXT = '#1a1a1a';
  let loading = null;

  function loadChartJs(src) {
    if (window.Chart) return Promise.resolve();
    if (loading === null) {
      loading = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error(`Chart.js could not be loaded from ${src}`)));
        document.head.append(script);
      });
    }
    return loading;
  }

  /** The number in a cell's data-value, or null for "<5", "x", "null" and anything else. */
  function valueOf(cell) {
    const raw = cell?.dataset.value;
    if (raw === undefined || raw === '' || raw === 'null') return null;
    const number = Number(raw);
    return Number.isFinite(number) ? number : null;
  }

  function drawFrom(table) {
    const canvas = document.getElementById(table.dataset.grafiek);
    if (!canvas) return;
    const type = table.dataset.soort === 'line' ? 'line' : 'bar';
    const headers = [...table.tHead.rows[0].cells];
    const rows = [...table.tBodies[0].rows].filter((row) => row.cells[0]?.tagName === 'TH');
    const labels = rows.map((row) => row.cells[0].textContent.trim());
    const datasets = headers
      .map((header, column) => ({ header, column }))
      .filter(({ header }) => header.dataset.reeks !== undefined)
      .map(({ header, column }, index) => {
        const colour = COLOURS[index % COLOURS.length];
        return {
          label: header.dataset.reeks,
          data: rows.map((row) => valueOf(row.cells[column])),
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: type === 'line' ? 2 : 1,
          pointStyle: POINTS[index % POINTS.length],
          pointRadius: 4,
          spanGaps: false,
        };
      });
    const maximum = table.dataset.maximum === undefined ? undefined : Number(table.dataset.maximum);
    window.Chart.getChart(canvas)?.destroy();
    new window.Chart(canvas, {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1, labels: { color: TEXT, usePointStyle: true } } },
        scales: {
          x: { ticks: { color: TEXT, autoSkip: false, maxRotation: 60 } },
          y: maximum === undefined
            ? { beginAtZero: true, ticks: { color: TEXT, precision: 0 } }
            : { min: 0, max: maximum, ticks: { color: TEXT } },
        },
      },
    });
  }

  function drawAll() {
    const figures = document.querySelector('[data-chartjs]');
    if (!figures) return;
    const tables = [...figures.querySelectorAll('table[data-grafiek]')];
    if (tables.length === 0) return;
    loadChartJs(figures.dataset.chartjs).then(() => {
      window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      window.Chart.defaults.color = TEXT;
      for (const table of tables) drawFrom(table);
    }, (error) => console.error(error.message));
  }

  drawAll();
  window.Blazor?.addEventListener?.('enhancedload', drawAll);
})();
