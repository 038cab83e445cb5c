// Profiling tasks, newest first: why each started, on what, for how long, and whether data arrived. The service
// page lists a service's; the fleet page the latest across services (withService adds the service column).

import { h, table, section, when } from '../dom.js';
import { href } from '../router.js';

export function timelineSection(tasks) {
  return section('Tasks', tasksTable(tasks.items),
    tasks.total > tasks.items.length ? h('p', { class: 'meta' }, `newest ${tasks.items.length} of ${tasks.total}`) : null);
}

export function tasksTable(tasks, { withService = false } = {}) {
  return table([
    { title: 'Start', cell: t => h('a', { href: href(['tasks', t.id]) }, when(t.startTime)) },
    withService ? { title: 'Service', cell: t => h('a', { href: href(['services', t.service]) }, t.service) } : null,
    { title: 'Trigger', cell: t => t.trigger === 'CONTINUOUS_PROFILING' ? 'policy' : 'on demand' },
    { title: 'Target', cell: t => t.target },
    { title: 'Instance', cell: t => t.instance },
    { title: 'Process', cell: t => t.process ?? `${t.processIds.length} processes` },
    { title: 'Duration', className: 'num', cell: t => `${t.durationSeconds} s` },
    { title: 'Cause', cell: t => t.causeMessage ?? '' },
    { title: 'Data', cell: t => t.dataArrived ? 'arrived' : h('span', { class: 'muted' }, 'none yet') },
  ].filter(Boolean), tasks, { key: t => t.id, empty: 'No task yet.' });
}
