// Profile now (or at a given time) for a fixed duration: on-CPU and off-CPU by chosen processes or labels, the
// network of one instance with one sampling rule. The server checks the request and names every problem.

import { send } from '../api.js';
import { h, section, errorBox } from '../dom.js';
import { href } from '../router.js';

const TARGETS = ['ON_CPU', 'OFF_CPU', 'NETWORK'];

/** alive: the service's alive processes, offered as checkboxes and, through their instances, for NETWORK. */
export function onDemandForm(service, alive) {
  const outcome = h('div', { id: 'ondemand-outcome' });
  const target = h('select', { name: 'target', 'aria-label': 'Target', onchange: () => show() },
    TARGETS.map(t => h('option', { value: t }, t)));
  const byLabels = h('input', { type: 'checkbox', name: 'byLabels', onchange: () => show() });
  const processes = alive.map(p => h('input', { type: 'checkbox', name: 'process', value: p.id }));
  const labels = h('input', { name: 'labels', size: 30, placeholder: 'app=shop, tier=web' });
  const instance = h('select', { name: 'instance', 'aria-label': 'Instance' },
    [...new Set(alive.map(p => p.instance))].sort().map(i => h('option', { value: i }, i)));
  const uriRegex = h('input', { name: 'uriRegex', size: 20, placeholder: '/api/.*' });
  const minDuration = h('input', { name: 'minDurationMillis', size: 6 });
  const when4xx = h('input', { type: 'checkbox', name: 'when4xx' });
  const when5xx = h('input', { type: 'checkbox', name: 'when5xx', checked: true });
  const duration = h('input', { name: 'durationSeconds', size: 6, value: 60 });
  const start = h('input', { type: 'datetime-local', name: 'startTime', 'aria-label': 'Start (empty: now)' });

  const processChoice = h('div', { class: 'choices' }, alive.length ? alive.map((p, i) => h('label', null,
    processes[i], ` ${p.name} (${p.instance}, pid ${p.pid})`, p.ebpfProfilingSupported ? '' : ' — no eBPF'))
    : h('span', { class: 'muted' }, 'No alive process.'));
  const bySelection = h('div', null, h('label', null, byLabels, ' by labels '), labels, processChoice);
  const network = h('div', null, 'instance ', instance, ' keep requests: URI regex ', uriRegex,
    ' slower than ', minDuration, ' ms ', h('label', null, when4xx, ' 4xx'), ' ', h('label', null, when5xx, ' 5xx'));
  const show = () => {
    const isNetwork = target.value === 'NETWORK';
    bySelection.hidden = isNetwork;
    network.hidden = !isNetwork;
    labels.hidden = !byLabels.checked;
    processChoice.hidden = byLabels.checked;
  };
  show();

  const request = () => {
    const body = { service, target: target.value, durationSeconds: number(duration.value) };
    if (start.value) body.startTime = new Date(start.value).getTime();
    if (target.value === 'NETWORK') {
      body.instance = instance.value;
      body.samplings = [{ uriRegex: uriRegex.value || undefined, minDurationMillis: number(minDuration.value),
        when4xx: when4xx.checked, when5xx: when5xx.checked }];
    } else if (byLabels.checked) {
      body.labels = labels.value.split(',').map(s => s.trim()).filter(Boolean);
    } else {
      body.processIds = processes.filter(p => p.checked).map(p => p.value);
    }
    return body;
  };
  const submit = async event => {
    event.preventDefault();
    try {
      const { tasks } = await send('POST', '/api/tasks', request());
      outcome.replaceChildren(h('p', null, `Started ${tasks.length} task(s): `,
        tasks.map(t => h('a', { href: href(['tasks', t.id]), class: 'chip' }, t.process ?? t.instance))));
    } catch (error) {
      outcome.replaceChildren(errorBox(error));
    }
  };
  return section('Profile now',
    h('form', { class: 'ondemand', onsubmit: submit },
      h('div', null, target, ' for ', duration, ' s, starting ', start, ' (empty: now)'),
      bySelection, network, h('button', { type: 'submit', id: 'ondemand-start' }, 'Start profiling')),
    outcome);
}

/** Empty stays undefined (the server says it is required); other text goes as typed when it is not a number. */
function number(text) {
  if (text.trim() === '') return undefined;
  return Number.isFinite(Number(text)) ? Number(text) : text;
}
