// One process: who it is, and the continuous-profiling series its policy is evaluated on over a chosen
// range, with the policy's thresholds and a marker where a task fired (each links to its task).

import { get, getOptional, enc } from '../api.js';
import { h, section, stateBadge, when } from '../dom.js';
import { href } from '../router.js';
import { metricsSection, rangeOf, rangePicker } from './metrics.js';
import { policyVocabulary } from './policy.js';
import { tasksTable } from './timeline.js';

export async function processPage(page, { id }, query, signal) {
  const range = rangeOf(query);
  const process = await get(`/api/processes/${enc(id)}`, signal);
  const [metrics, policy, tasks, vocabulary] = await Promise.all([
    get(`/api/processes/${enc(id)}/metrics?${new URLSearchParams({ from: range.from, to: range.to })}`, signal),
    getOptional(`/api/policies/${enc(process.service)}`, signal),
    get(`/api/tasks?${new URLSearchParams({ service: process.service, process: id, from: range.from,
      limit: 1000 })}`, signal),
    policyVocabulary(signal),
  ]);
  const charts = metricsSection('Continuous-profiling metrics', [{ id, label: process.name, series: metrics.series }],
    { vocabulary, policy, tasks: tasks.items, range,
      picker: rangePicker(range, r => href(['processes', id], { range: r })) });
  page.append(
    h('div', { class: 'page-head' },
      h('h1', null, h('a', { href: '#/' }, 'Fleet'), ' / ', h('a', { href: href(['services', process.service]) },
        process.service), ' / ', process.instance, ' / ', process.name),
      h('p', { class: 'meta', id: 'process-summary' }, stateBadge(process.state), ` pid ${process.pid} · agent `,
        h('span', { class: 'mono' }, process.agentId), ' · last seen ', when(process.lastSeen),
        policy ? ` · policy version ${policy.version}` : ' · no policy')),
    charts.element,
    ...(metrics.truncated ? [h('p', { class: 'meta' },
      'More points than one answer holds: some are left out; pick a shorter range.')] : []),
    section('Tasks in this range', tasksTable(tasks.items)));
}
