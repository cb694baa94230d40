/**
 * The report's own inline script: renders each compiled vega spec with the SVG renderer and the
 * CSP-safe expression interpreter, shows tooltips, builds data tables when they are opened, and
 * sorts tables. It inserts text with textContent only. Plain ES2020, no eval.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('lbsim-data').textContent);
  var root = document.documentElement;

  var tip = document.createElement('div');
  tip.className = 'lbsim-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.appendChild(tip);

  function show(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumSignificantDigits: 6 });
    return String(value);
  }

  function tooltip(handler, event, item, value) {
    if (value === null || value === undefined || value === '') { tip.hidden = true; return; }
    tip.replaceChildren();
    if (typeof value === 'object') {
      var table = document.createElement('table');
      Object.keys(value).forEach(function (key) {
        var tr = document.createElement('tr');
        var th = document.createElement('th');
        th.textContent = key;
        var td = document.createElement('td');
        td.textContent = show(value[key]);
        tr.append(th, td);
        table.appendChild(tr);
      });
      tip.appendChild(table);
    } else {
      tip.textContent = show(value);
    }
    tip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, event.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, event.clientY - h - 14);
    tip.style.left = x + window.scrollX + 'px';
    tip.style.top = y + window.scrollY + 'px';
  }

  // Each view gets its own copies of the rows: vega writes derived fields into the tuples it ingests.
  function fillData(spec) {
    (spec.data || []).forEach(function (d) {
      var rows = payload.datasets[d.name];
      if (d.values === undefined && d.source === undefined && d.url === undefined && rows) d.values = rows.map(function (r) { return Object.assign({}, r); });
    });
    return spec;
  }

  var failures = 0;
  var jobs = payload.charts.map(function (chart) {
    var figure = document.getElementById(chart.id);
    var slot = figure.querySelector('.chart-view');
    try {
      var runtime = vega.parse(fillData(chart.spec), null, { ast: true });
      var view = new vega.View(runtime, { expr: vegaInterpreter.expressionInterpreter, renderer: 'svg', container: slot, hover: true, logLevel: vega.Warn });
      view.tooltip(tooltip);
      return view.runAsync().then(function () { figure.setAttribute('data-rendered', 'true'); }, function (error) { fail(figure, slot, error); });
    } catch (error) {
      fail(figure, slot, error);
      return Promise.resolve();
    }
  });

  function fail(figure, slot, error) {
    failures++;
    figure.setAttribute('data-rendered', 'error');
    var p = document.createElement('p');
    p.className = 'chart-error';
    p.textContent = 'This chart could not be drawn (' + (error && error.message ? error.message : String(error)) + '); its data table below still has the numbers.';
    slot.replaceChildren(p);
    console.error('lbsim report: chart ' + figure.id + ' failed', error);
  }

  Promise.all(jobs).then(function () { root.setAttribute('data-charts', failures ? 'error' : 'rendered'); });

  var FORMATS = {
    pct: function (v) { return (v * 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + '%'; },
    ms: function (v) { return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 }) + ' ms'; },
    usd: function (v) { return '$' + v.toLocaleString('en-US', { maximumSignificantDigits: 4 }); },
    num: function (v) { return v.toLocaleString('en-US', { maximumFractionDigits: 3 }); },
    int: function (v) { return v.toLocaleString('en-US', { maximumFractionDigits: 0 }); },
    s: function (v) { return v.toLocaleString('en-US', { maximumFractionDigits: 2 }) + ' s'; },
  };

  function cellText(column, value) {
    if (column.lookup) return value === null || value === undefined ? '–' : String((payload.lookups[column.lookup] || [])[value]);
    if (value === null || value === undefined || (typeof value === 'number' && !isFinite(value))) return '–';
    if (column.format === 'bool') return value ? 'yes' : 'no';
    var f = FORMATS[column.format];
    return f && typeof value === 'number' ? f(value) : String(value);
  }

  function buildTable(spec) {
    var rows = payload.datasets[spec.dataset] || [];
    var table = document.createElement('table');
    table.className = 'data sortable';
    var head = table.createTHead().insertRow();
    spec.columns.forEach(function (column) {
      var th = document.createElement('th');
      th.scope = 'col';
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = column.title;
      th.appendChild(button);
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      spec.columns.forEach(function (column) {
        var td = tr.insertCell();
        var value = row[column.key];
        td.textContent = cellText(column, value);
        if (typeof value === 'number' && !column.lookup) { td.setAttribute('data-v', String(value)); td.className = 'num'; }
      });
    });
    return table;
  }

  payload.charts.forEach(function (chart) {
    var details = document.querySelector('#' + chart.id + ' details.data-table');
    if (!details) return;
    details.addEventListener('toggle', function () {
      if (!details.open || details.getAttribute('data-built')) return;
      details.setAttribute('data-built', 'true');
      var wrap = details.querySelector('.table-wrap');
      var table = buildTable(chart.table);
      wrap.appendChild(table);
      makeSortable(table);
    });
  });

  function sortKey(td) {
    var v = td.getAttribute('data-v');
    if (v !== null) return Number(v);
    return td.classList.contains('num') ? Infinity : td.textContent;
  }

  function makeSortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[index]), y = sortKey(b.cells[index]);
          var order = typeof x === 'number' && typeof y === 'number' ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
})();
`;
