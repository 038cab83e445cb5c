// A service's profiling tasks, newest first: why each started, on what, for how long, and whether data arrived.

import { h, table, section, when } from '../dom.js';
import { href } from '../router.js';

export function timelineSection(tasks) {
  return section('Tasks', table([
    { title: 'Start', cell: t => h('a', { href: href(['tasks', t.id]) }, when(t.startTime)) },
    { title: 'Trigger', cell: t => t.trigger === 'CONTINUOUS_PROFILING' ? 'policy' : 'on demand' },
    { title: 'Target', cell: t => t.target },
    { title: 'Instance', cell: t => t.instance },
    { title: 'Process', cell: t => t.process ?? `${t.processIds.length} processes` },
    { title: 'Duration', className: 'num', cell: t => `${t.durationSeconds} s` },
    { title: 'Cause', cell: t => t.causeMessage ?? '' },
    { title: 'Data', cell: t => t.dataArrived ? 'arrived' : h('span', { class: 'muted' }, 'none yet') },
  ], tasks.items, { key: t => t.id, empty: 'No task yet.' }),
  tasks.total > tasks.items.length ? h('p', { class: 'meta' }, `newest ${tasks.items.length} of ${tasks.total}`) : null);
}
