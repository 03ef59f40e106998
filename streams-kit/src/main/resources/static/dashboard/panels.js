/* Drawing helpers shared by the kit's panels and the service's panels declared as data. */
window.StreamsPanels = (() => {
  'use strict';

  /** RFC 6901 JSON Pointer; '' is the whole document. */
  function pointer(doc, path) {
    if (!path) return doc;
    let value = doc;
    for (const raw of path.split('/').slice(1)) {
      const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (value === null || value === undefined) return undefined;
      value = value[token];
    }
    return value;
  }

  function text(value) {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map(text).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    });
    (children || []).forEach(child => node.appendChild(child));
    return node;
  }

  /** Horizontal bars; rows of {label, value}. Values are shown as text beside each bar. */
  function bars(container, rows, emptyText) {
    container.replaceChildren();
    if (!rows.length) {
      container.appendChild(el('p', {class: 'empty', text: emptyText || 'none'}));
      return;
    }
    const max = Math.max(1, ...rows.map(row => Number(row.value) || 0));
    rows.forEach(row => {
      const width = Math.max(0.5, 100 * (Number(row.value) || 0) / max);
      const bar = el('span', {class: 'bar'});
      bar.style.width = width + '%';
      container.appendChild(el('div', {class: 'bar-row', 'data-label': row.label, 'data-value': text(row.value)}, [
        el('span', {class: 'bar-label', text: row.label, title: row.label}),
        el('span', {class: 'bar-track'}, [bar]),
        el('span', {class: 'bar-value', text: text(row.value)})
      ]));
    });
  }

  /** A list of records shown by parts: the first part, the others in brackets ("/home (12)"). */
  function listText(value, parts) {
    if (!Array.isArray(value) || !parts || !parts.length) return text(value);
    return value.map(item => {
      const [first, ...rest] = parts.map(part => text(pointer(item, part)));
      return rest.length ? first + ' (' + rest.join(', ') + ')' : first;
    }).join(', ');
  }

  function table(container, headings, rows) {
    container.replaceChildren(
      el('thead', {}, [el('tr', {}, headings.map(h => el('th', {text: h})))]),
      el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {text: text(c)}))))));
  }

  function epochSeconds(value) {
    if (typeof value === 'number') return value > 1e11 ? value / 1000 : value;
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed / 1000;
  }

  /** A panel the service declared: fetched from its own query, drawn by its chart kind. */
  function servicePanel(spec, index, parent) {
    const body = el('div', {class: 'panel-body'});
    const card = el('section', {class: 'card', 'data-panel': 'service-' + index, 'data-title': spec.title}, [
      el('h2', {text: spec.title}), body]);
    parent.appendChild(card);
    let chart = null;
    let plot = null;
    let newest = [];

    function rowsOf(answer) {
      let rows = pointer(answer, spec.rows);
      if (!Array.isArray(rows)) throw new Error(spec.title + ': ' + (spec.rows || 'the answer') + ' is not a list');
      rows = rows.slice();
      if (spec.sortBy) rows.sort((a, b) => (Number(pointer(b, spec.sortBy)) || 0) - (Number(pointer(a, spec.sortBy)) || 0));
      if (spec.top) rows = rows.slice(0, spec.top);
      return rows;
    }

    function draw(answer) {
      const rows = rowsOf(answer);
      card.dataset.rows = String(rows.length);
      if (spec.chart === 'TABLE') {
        const t = body.querySelector('table') || body.appendChild(el('table'));
        table(t, spec.columns.map(c => c.label), rows.map(row => spec.columns.map(c => listText(pointer(row, c.field), c.parts))));
      } else if (spec.chart === 'BAR') {
        const value = spec.columns[0];
        bars(body, rows.map(row => ({label: text(pointer(row, spec.label)), value: pointer(row, value.field)})), 'no rows yet');
      } else {
        const xs = rows.map(row => epochSeconds(pointer(row, spec.label)));
        const data = [xs].concat(spec.columns.map(c => rows.map(row => {
          const v = pointer(row, c.field);
          return v === null || v === undefined ? null : Number(v);
        })));
        if (!chart) {
          newest = spec.columns.map(c => el('b', {'data-series': c.label, text: '–'}));
          const figures = el('div', {class: 'figures'}, spec.columns.map((c, i) =>
            el('span', {}, [document.createTextNode(c.label + ' '), newest[i]])));
          plot = el('div', {class: 'chart'});
          body.append(figures, plot);
          chart = StreamsPanels.lineChart(plot, spec.columns.map(c => c.label));
          plot.uplot = chart;
        }
        chart.setData(data);
        // The newest point of each line, as figures above the chart (rounded; the chart keeps the exact values).
        newest.forEach((figure, i) => {
          const line = data[i + 1];
          figure.textContent = line.length && line[line.length - 1] !== null ? String(round(line[line.length - 1])) : '–';
        });
        plot.dataset.points = String(xs.length);
      }
    }
    return {spec, draw};
  }

  const COLORS = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#e67700'];

  /** At most two decimals, for figures read at a glance (a sketch's percentile has 1 % error anyway). */
  function round(value) {
    return Math.round(value * 100) / 100;
  }

  /** Axis ticks short enough for the axis: 1.5k, 250k, 3.2M. */
  function compact(value) {
    const abs = Math.abs(value);
    if (abs >= 1e6) return round(value / 1e6) + 'M';
    if (abs >= 1e3) return round(value / 1e3) + 'k';
    return String(round(value));
  }

  function lineChart(container, labels) {
    const opts = {
      width: Math.max(280, container.clientWidth || 480),
      height: 180,
      series: [{}].concat(labels.map((label, i) => ({label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false}))),
      axes: [{}, {size: 56, values: (u, ticks) => ticks.map(compact)}],
      // Labels only: values under the cursor would read "--" whenever no one hovers.
      legend: {show: true, live: false}
    };
    const chart = new uPlot(opts, [[], ...labels.map(() => [])], container);
    window.addEventListener('resize', () => chart.setSize({width: Math.max(280, container.clientWidth), height: 180}));
    return chart;
  }

  return {pointer, text, listText, el, bars, table, servicePanel, lineChart};
})();
