// A service: its instances, and its processes with state, labels, eBPF support and (server-redacted) properties,
// filtered by state and instance and paged through the hash query, so every view is a link; then its profiling:
// the policy editor, the policy's coverage, the task timeline and the on-demand form.

import { get, getOptional, enc } from '../api.js';
import { h, table, section, stateBadge, count, when } from '../dom.js';
import { href } from '../router.js';
import { policyEditor, policyVocabulary } from './policy.js';
import { coverageSection } from './coverage.js';
import { timelineSection } from './timeline.js';
import { onDemandForm } from './ondemand.js';
import { metricsSection, rangeOf, rangePicker } from './metrics.js';

const TASKS = 50;

const PAGE = 100;
const STATES = ['all', 'alive', 'dead'];

export async function servicePage(page, { service }, query, signal) {
  const filter = {
    state: STATES.includes(query.get('state')) ? query.get('state') : 'all',
    instance: query.get('instance') || undefined,
    offset: Math.max(0, Number.parseInt(query.get('offset'), 10) || 0),
  };
  const processQuery = new URLSearchParams({ service, state: filter.state, offset: filter.offset, limit: PAGE });
  if (filter.instance) processQuery.set('instance', filter.instance);
  const range = rangeOf(query);
  const [services, instances, processes, alive, policy, coverage, tasks, metrics, vocabulary] = await Promise.all([
    get(`/api/fleet/services?${new URLSearchParams({ q: service, limit: 1000 })}`, signal),
    get(`/api/services/${enc(service)}/instances`, signal),
    get(`/api/processes?${processQuery}`, signal),
    get(`/api/processes?${new URLSearchParams({ service, state: 'alive', limit: 1000 })}`, signal),
    getOptional(`/api/policies/${enc(service)}`, signal),
    getOptional(`/api/policies/${enc(service)}/coverage`, signal),
    get(`/api/tasks?${new URLSearchParams({ service, limit: TASKS })}`, signal),
    get(`/api/services/${enc(service)}/metrics?${new URLSearchParams({ from: range.from, to: range.to })}`, signal),
    policyVocabulary(signal),
  ]);
  const summary = services.items.find(s => s.name === service);
  if (!summary) throw new Error(`No service named ${service} is registered.`);

  // This page with some filters changed; defaults are left out of the link.
  const link = changes => {
    const next = { ...filter, range: range.name, ...changes };
    return href(['services', service], { state: next.state === 'all' ? undefined : next.state,
      instance: next.instance, offset: next.offset || undefined, range: next.range === '6h' ? undefined : next.range });
  };
  const names = new Map(alive.items.map(p => [p.id, `${p.instance} ${p.name}`]));
  const charts = metricsSection('Continuous-profiling metrics of its processes', metrics.processes.map(p => ({
    id: p.processId, label: names.get(p.processId) ?? p.processId, series: p.series,
  })), { vocabulary, policy, tasks: tasks.items.filter(t => t.startTime >= range.from), range,
    picker: rangePicker(range, r => link({ range: r })), processLink: id => href(['processes', id]) });
  page.append(
    h('div', { class: 'page-head' },
      h('h1', null, h('a', { href: '#/' }, 'Fleet'), ' / ', service),
      h('p', { class: 'meta' }, h('span', { class: 'mono' }, summary.id), ' · ',
        summary.layers.map(l => h('span', { class: 'chip' }, l)), ' · ',
        `${count(summary.aliveProcesses)} alive, ${count(summary.deadProcesses)} dead processes`)),
    section('Instances', instancesTable(instances, name => link({ instance: name, offset: 0 }))),
    section('Processes', filterBar(filter, link), processesTable(processes.items), pager(processes, link)),
    charts.element,
    policyEditor(service, policy, vocabulary, { signal, onChange: charts.update }),
    coverageSection(coverage),
    timelineSection(tasks),
    onDemandForm(service, alive.items));
}

function instancesTable(instances, instanceLink) {
  return table([
    { title: 'Instance', cell: i => h('a', { href: instanceLink(i.name), title: 'Show its processes' }, i.name) },
    { title: 'Alive', className: 'num alive', cell: i => count(i.aliveProcesses) },
    { title: 'Dead', className: 'num dead', cell: i => count(i.deadProcesses) },
    { title: 'Last seen', cell: i => when(i.lastSeen) },
  ], instances, { key: i => i.name });
}

function filterBar(filter, link) {
  return h('div', { class: 'filters' },
    h('span', { class: 'seg', role: 'group', 'aria-label': 'Process state' },
      STATES.map(s => h('a', { href: link({ state: s, offset: 0 }), class: s === filter.state ? 'on' : null,
        dataset: { state: s } }, s))),
    filter.instance ? h('span', { class: 'chip' }, `instance ${filter.instance} `,
      h('a', { href: link({ instance: undefined, offset: 0 }), title: 'All instances' }, '×')) : null);
}

function processesTable(processes) {
  return table([
    { title: 'Process', cell: p => h('a', { href: href(['processes', p.id]), title: 'Its metrics' }, p.name) },
    { title: 'Instance', cell: p => p.instance },
    { title: 'Layer', cell: p => p.layer },
    { title: 'PID', className: 'num', cell: p => p.pid },
    { title: 'State', cell: p => stateBadge(p.state) },
    { title: 'eBPF', cell: p => p.ebpfProfilingSupported ? 'yes' : h('span', { class: 'muted' }, 'no') },
    { title: 'Labels', cell: p => p.labels.map(l => h('span', { class: 'chip' }, l)) },
    { title: 'Detected', cell: p => p.detectType.toLowerCase() },
    { title: 'Agent', className: 'mono', cell: p => p.agentId },
    { title: 'Last seen', cell: p => when(p.lastSeen) },
    { title: 'Properties', className: 'props', cell: properties },
  ], processes, { key: p => p.id, empty: 'No process matches.' });
}

function properties(process) {
  const entries = Object.entries(process.properties).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('details', null, h('summary', null, `${entries.length} properties`),
    h('dl', null, h('dt', null, 'process id'), h('dd', { class: 'mono' }, process.id),
      entries.map(([k, v]) => [h('dt', null, k), h('dd', { class: 'mono' }, v)])));
}

function pager({ total, offset, limit }, link) {
  if (total <= limit && offset === 0) return h('p', { class: 'meta' }, `${count(total)} processes`);
  const last = Math.min(offset + limit, total);
  return h('p', { class: 'meta pager' },
    offset > 0 ? h('a', { href: link({ offset: Math.max(0, offset - limit) }) }, '‹ previous') : null,
    ` ${count(offset + 1)}–${count(last)} of ${count(total)} `,
    last < total ? h('a', { href: link({ offset: last }) }, 'next ›') : null);
}
