// Time charts through uPlot, served from its WebJar in the jar (no other host, no build step). A chart can carry a
// threshold (a dashed horizontal line) and markers (vertical lines at times, e.g. where a task fired). Charts take
// the keyboard: focus one (Tab) and move the cursor with ←/→ (Home/End for the ends); the legend reads the values.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h } from './dom.js';

const COLOURS = ['#0b5cad', '#d97706', '#1a7f37', '#a040e0', '#b42318', '#0e7490', '#6a737d', '#be185d'];
const MARKER_COLOURS = { fired: '#b42318', backtest: '#a040e0' };
const HEIGHT = 180;

/**
 * series: [{label, points: [{timestamp, value}]}]; options: {title, unit, threshold, markers: [{time, kind, label}],
 * bars (one series drawn as bars), from, to (epoch ms, the x range)}. Returns a figure element; charts resize with it.
 */
export function timeChart(series, options = {}) {
  const { title, unit = '', threshold, markers = [], bars = false } = options;
  const times = [...new Set(series.flatMap(s => s.points.map(p => p.timestamp)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map(s => {
    const column = new Array(times.length).fill(null);
    for (const p of s.points) column[index.get(p.timestamp)] = p.value;
    return column;
  });
  const figure = h('figure', {
    class: 'chart', tabindex: 0, dataset: { markers: markers.length, threshold: threshold ?? '' },
    'aria-label': `${title}: ${series.length} series, ${times.length} points`
      + (threshold !== undefined ? `, threshold ${threshold}${unit}` : '')
      + (markers.length ? `, ${markers.length} markers` : '') + '. Arrow keys move the cursor.',
  }, h('figcaption', null, title, threshold !== undefined
    ? h('span', { class: 'threshold-note' }, ` threshold ${threshold}${unit}`) : null,
  markers.length ? h('span', { class: 'marker-note' }, ` · ${markerSummary(markers)}`) : null));
  if (times.length === 0) {
    figure.append(h('p', { class: 'meta empty-chart' }, 'No data in this range.'));
    return figure;
  }
  const plotBox = h('div', { class: 'plot' });
  figure.append(plotBox);
  const opts = {
    width: 600, height: HEIGHT,
    scales: { x: { time: true, range: options.from && options.to ? [options.from / 1000, options.to / 1000] : undefined },
      y: { range: (u, min, max) => yRange(min, max, threshold) } },
    axes: [{}, { values: (u, ticks) => ticks.map(v => `${round(v)}${unit}`), size: 60 }],
    series: [{ value: (u, v) => v == null ? '—' : new Date(v * 1000).toLocaleString() },
      ...series.map((s, i) => ({
        label: s.label, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: true,
        fill: bars ? COLOURS[i % COLOURS.length] + '99' : undefined,
        paths: bars ? uPlot.paths.bars({ size: [0.8, 40] }) : undefined, points: { show: !bars },
        value: (u, v) => v == null ? '—' : `${round(v)}${unit}`,
      }))],
    hooks: { draw: [u => decorate(u, threshold, markers)] },
    legend: { live: true },
  };
  const plot = new uPlot(opts, [times.map(t => t / 1000), ...columns], plotBox);
  // Sized to its box once it is on the page, and again whenever the box changes width (a narrow window).
  new ResizeObserver(() => {
    const width = Math.max(240, plotBox.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  }).observe(plotBox);
  keyboardCursor(figure, plot, times.length);
  return figure;
}

function markerSummary(markers) {
  const counts = {};
  for (const m of markers) counts[m.kind] = (counts[m.kind] || 0) + 1;
  return Object.entries(counts).map(([kind, n]) => `${n} ${kind === 'backtest' ? 'would-be trigger' : 'fired'}`
    + (kind === 'backtest' && n !== 1 ? 's' : '')).join(', ');
}

function yRange(min, max, threshold) {
  const top = Math.max(max ?? 0, threshold ?? 0);
  return [Math.min(0, min ?? 0), top > 0 ? top * 1.1 : 1];
}

function round(v) {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}

// The threshold and the markers, drawn on the plot's canvas after uPlot drew the series.
function decorate(u, threshold, markers) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.lineWidth = 1.5 * devicePixelRatio;
  if (threshold !== undefined) {
    const y = u.valToPos(threshold, 'y', true);
    ctx.strokeStyle = '#b42318';
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const marker of markers) {
    const x = u.valToPos(marker.time / 1000, 'x', true);
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = MARKER_COLOURS[marker.kind] || '#24292f';
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.beginPath();
    ctx.moveTo(x - 5 * devicePixelRatio, top);
    ctx.lineTo(x + 5 * devicePixelRatio, top);
    ctx.lineTo(x, top + 8 * devicePixelRatio);
    ctx.fill();
  }
  ctx.restore();
}

function keyboardCursor(figure, plot, points) {
  let at = points - 1;
  figure.addEventListener('keydown', event => {
    const moves = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: points - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    at = Math.max(0, Math.min(points - 1, moves[event.key]));
    const left = plot.valToPos(plot.data[0][at], 'x');
    plot.setCursor({ left, top: plot.bbox.height / devicePixelRatio / 2 });
  });
}
