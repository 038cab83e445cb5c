// The continuous-profiling series a policy is evaluated on, as charts over a chosen range: the policy's
// threshold drawn on each, a marker where a task fired, and (from the policy editor's backtest) where a draft
// would have fired. Used by the process page (one process) and the service page (its processes, one line each).

import { h, section } from '../dom.js';
import { timeChart } from '../chart.js';

export const RANGES = { '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3 };
const MAX_LINES = 8; // lines per chart; a service with more processes shows the first ones

/** The range in the link (?range=6h), 6 h by default: the window a backtest replays. */
export function rangeOf(query) {
  const name = RANGES[query.get('range')] ? query.get('range') : '6h';
  const to = Date.now();
  return { name, from: to - RANGES[name], to };
}

/** Links to the same page over another range. */
export function rangePicker(range, link) {
  return h('span', { class: 'seg', role: 'group', 'aria-label': 'Range' },
    Object.keys(RANGES).map(r => h('a', { href: link(r), class: r === range.name ? 'on' : null, dataset: { range: r } },
      `last ${r}`)));
}

/**
 * A section of charts, one per checker of the vocabulary (GET /api/policy-vocabulary), in its order.
 * lines: [{label, series: [{metric, uri, points}]}] (one per process); policy: the stored policy or null; tasks:
 * triggered tasks to mark. Returns {element, update({policy, backtest})}: the policy editor redraws with a saved
 * policy's thresholds, or with a draft's thresholds and its would-be triggers.
 */
export function metricsSection(title, lines, { vocabulary, policy, tasks, range, picker, processLink }) {
  const metrics = vocabulary.checkers.map(c => ({ key: c.metric, checker: c.name, title: c.title,
    unit: c.symbol === '%' ? '%' : ` ${c.symbol}` }));
  const box = h('div', { class: 'charts' });
  const shown = lines.slice(0, MAX_LINES);
  const fired = tasks.filter(t => t.trigger === 'CONTINUOUS_PROFILING')
    .map(t => ({ time: t.startTime, kind: 'fired', label: `${t.target} task` }));
  let drawn = { policy, backtest: [] };
  const draw = () => box.replaceChildren(...metrics.map(metric => {
    const { policy, backtest } = drawn;
    const series = shown.flatMap(line => line.series.filter(s => s.metric === metric.key).map(s => ({
      label: s.uri ? `${line.label} ${s.uri}` : line.label, points: s.points,
    })));
    const threshold = thresholdOf(policy?.targets, metric.checker);
    const wouldFire = backtest.filter(t => t.items.includes(metric.checker))
      .map(t => ({ time: t.firedAt, kind: 'backtest', label: `would fire ${t.target}` }));
    const chart = timeChart(series, { title: metric.title, unit: metric.unit, threshold,
      markers: [...fired, ...wouldFire], from: range.from, to: range.to });
    chart.dataset.metric = metric.key;
    return chart;
  }));
  draw();
  const element = section(title, h('div', { class: 'filters' }, picker,
    lines.length > MAX_LINES ? h('span', { class: 'meta' }, `the first ${MAX_LINES} of ${lines.length} processes`) : null,
    processLink ? shown.map(line => h('a', { href: processLink(line.id), class: 'chip' }, line.label)) : null), box);
  return { element, update: changes => { drawn = { backtest: [], ...changes }; draw(); } };
}

/** The lowest threshold any target sets for this checker: the one that fires first. */
function thresholdOf(targets, checker) {
  const values = Object.values(targets || {}).map(checks => checks[checker]?.threshold)
    .filter(v => v !== undefined && v !== '').map(Number).filter(Number.isFinite);
  return values.length ? Math.min(...values) : undefined;
}
