// One profiling task: why and when it ran, which processes sent data, its flame graph and the profile downloads
// (for a NETWORK task: its topology and sampled requests). A running on-demand task can be stopped from here.

import { get, send, enc } from '../api.js';
import { h, table, section, errorBox, count, when } from '../dom.js';
import { href, reload } from '../router.js';
import { flameGraph } from '../flamegraph.js';
import { topFunctions } from '../topfunctions.js';
import { networkSections } from './network.js';

export async function taskPage(page, { id }, query, signal) {
  const path = `/api/tasks/${enc(id)}`;
  const task = await get(path, signal);
  const network = task.target === 'NETWORK';
  const tree = network ? null : await get(`${path}/profile/flamegraph`, signal);
  const running = task.stoppedAt === null && Date.now() < task.endTime;
  const stop = async () => {
    try {
      await send('POST', `${path}/stop`);
      reload();
    } catch (error) {
      page.prepend(errorBox(error));
    }
  };
  const sections = network ? await networkSections(path, signal)
    : [dataSection(task), profileSection(task, tree, path), await compareSection(task, query.get('compare'), signal)];
  page.append(...[
    h('div', { class: 'page-head' },
      h('h1', null, h('a', { href: '#/' }, 'Fleet'), ' / ', h('a', { href: href(['services', task.service]) },
        task.service), ' / ', `${task.target} task`),
      h('p', { class: 'meta', id: 'task-summary' },
        task.trigger === 'CONTINUOUS_PROFILING' ? 'triggered by the policy' : 'on demand', ' · ',
        task.instance ?? '', ' ', task.process ?? '', ' · started ', when(task.startTime), ` for ${task.durationSeconds} s`,
        task.stoppedAt ? [' · stopped ', when(task.stoppedAt)] : running ? ' · running' : ' · ended'),
      running && task.trigger === 'FIXED_TIME'
        ? h('button', { type: 'button', id: 'task-stop', onclick: stop }, 'Stop') : null),
    task.causes.length ? causesSection(task) : null,
    ...sections].filter(Boolean));
}

function causesSection(task) {
  return section('Causes',
    task.causeMessage ? h('p', null, task.causeMessage) : null,
    table([
      { title: 'Checker', cell: c => c.checker },
      { title: 'Threshold', className: 'num', cell: c => c.threshold },
      { title: 'Current', className: 'num', cell: c => c.current },
      { title: 'URI', cell: c => c.uriPath ?? c.uriRegex ?? '' },
    ], task.causes),
    task.repeatedReports ? h('p', { class: 'meta' }, `reported again ${count(task.repeatedReports)} times`) : null);
}

function dataSection(task) {
  return section('Processes that sent data', table([
    { title: 'Process id', className: 'mono', cell: d => d.processId },
    { title: 'Samples', className: 'num', cell: d => count(d.samples) },
    { title: 'Switches', className: 'num', cell: d => count(d.switches) },
    { title: 'Off-CPU ns', className: 'num', cell: d => count(d.durationNs) },
    { title: '10 s slices', className: 'num', cell: d => count(d.slices) },
  ], task.data, { key: d => d.processId, empty: 'No data arrived yet.' }));
}

function profileSection(task, tree, path) {
  const downloads = h('p', { class: 'meta' }, 'Download: ',
    h('a', { href: `${path}/profile/folded`, download: `${task.id}.folded` }, 'folded stacks'), ' · ',
    h('a', { href: `${path}/profile/pprof`, download: `${task.id}.pb.gz` }, 'pprof'));
  if (!task.dataArrived) return section('Profile', h('p', { class: 'muted' }, 'Nothing to draw yet.'), downloads);
  const metric = task.target === 'OFF_CPU' ? 'durationNs' : 'samples';
  const graph = flameGraph(withoutValue(tree), { metric });
  return section('Profile', downloads, h('div', { class: 'profile-split' }, graph,
    topFunctions(tree, metric, (name, kernel) => graph.focusFunction(name, kernel))));
}

/**
 * A differential flame graph of this task (base) and another of the same service and target (compare), picked
 * from a list; the pick is in the link (?compare=<task id>).
 */
async function compareSection(task, compareId, signal) {
  if (!task.dataArrived) return null;
  const candidates = await get(`/api/tasks?${new URLSearchParams({ service: task.service, target: task.target,
    limit: 100 })}`, signal);
  const others = candidates.items.filter(t => t.id !== task.id && t.dataArrived);
  const picker = h('select', { id: 'compare-task', 'aria-label': 'Compare with task',
    onchange: () => { location.hash = href(['tasks', task.id], { compare: picker.value || undefined }); } },
  h('option', { value: '' }, others.length ? 'pick a task to compare with' : 'no other task with data'),
  others.map(t => h('option', { value: t.id, selected: t.id === compareId },
    `${new Date(t.startTime).toLocaleString()} · ${t.instance ?? ''} ${t.process ?? ''} · ${t.trigger === 'CONTINUOUS_PROFILING' ? 'policy' : 'on demand'}`)));
  const head = h('p', { class: 'filters' }, 'Compare this task (base) with ', picker,
    compareId ? h('a', { href: href(['tasks', compareId], { compare: task.id }), id: 'compare-swap' },
      'swap base and compare') : null);
  if (!compareId) return section('Compare', head);
  const diff = await get(`/api/profiles/diff?${new URLSearchParams({ base: task.id, compare: compareId })}`, signal);
  return section('Compare', head,
    h('p', { class: 'meta', id: 'compare-summary' }, `base ${count(diff.base)}, compare ${count(diff.compare)}`,
      task.target === 'OFF_CPU' ? ' ns off the CPU' : ' samples'),
    h('div', { id: 'diff-graph' }, flameGraph(diff, { metric: 'compare', diff: true })));
}

/** value repeats samples (on-CPU) or durationNs (off-CPU); dropped so the metric picker offers each once. */
function withoutValue({ value, children, ...node }) {
  return { ...node, children: (children || []).map(withoutValue) };
}
