// Where a service's policy applies: the alive processes it covers per instance, how often each triggered, and the
// triggers the server refused because too many tasks were already running.

import { h, table, section, count, when } from '../dom.js';

export function coverageSection(coverage) {
  if (!coverage) return section('Policy coverage', h('p', { class: 'meta' }, 'No policy, so nothing is watched.'));
  const rows = coverage.instances.flatMap(i => i.processes.map(p => ({ instance: i.name, ...p })));
  return section('Policy coverage',
    h('p', { class: 'meta', id: 'refused-triggers' }, `${count(coverage.refusedTriggers)} refused triggers`,
      coverage.lastRefusedAt ? [', last ', when(coverage.lastRefusedAt)] : null),
    table([
      { title: 'Instance', cell: p => p.instance },
      { title: 'Process', cell: p => p.name },
      { title: 'eBPF', cell: p => p.ebpfProfilingSupported ? 'yes' : h('span', { class: 'muted' }, 'no') },
      { title: 'Triggers', className: 'num', cell: p => count(p.triggers) },
      { title: 'Repeated reports', className: 'num', cell: p => count(p.repeatedReports) },
      { title: 'Last triggered', cell: p => when(p.lastTriggeredAt) },
    ], rows, { key: p => p.id, empty: 'No alive process of this service.' }));
}
