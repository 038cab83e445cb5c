// Fleet overview: totals, what policies triggered over the last 24 h (a chart, the services that triggered most, the
// latest tasks), the services paged, sorted and searched by the server, and the agents. One search box filters
// both lists; the term, the sort and the page are in the link (#/?q=shop&sort=-alive&offset=100).

import { get } from '../api.js';
import { h, table, section, stateBadge, count, when } from '../dom.js';
import { href, replaceQuery } from '../router.js';
import { timeChart } from '../chart.js';
import { tasksTable } from './timeline.js';

const AGENT_LIMIT = 1000; // the API's largest page; agents come most recently seen first
const PAGE = 50;
const SORTS = { name: 'Service', instances: 'Instances', alive: 'Alive', dead: 'Dead' };

export async function fleetPage(page, params, query, signal) {
  const state = {
    q: query.get('q') || '',
    sort: Object.keys(SORTS).includes((query.get('sort') || '').replace(/^-/, '')) ? query.get('sort') : 'name',
    offset: Math.max(0, Number.parseInt(query.get('offset'), 10) || 0),
  };
  const [overview, agents, services] = await Promise.all([
    get('/api/fleet', signal),
    get(`/api/agents?limit=${AGENT_LIMIT}`, signal),
    servicesPage(state, signal),
  ]);
  const search = h('input', {
    type: 'search', id: 'fleet-search', placeholder: 'Search services and agents by name',
    value: state.q, 'aria-label': 'Search services and agents by name',
  });
  const servicesBox = h('div', { id: 'services' });
  const agentsBox = h('div');
  const keepInLink = () => replaceQuery({ q: state.q, sort: state.sort === 'name' ? undefined : state.sort,
    offset: state.offset || undefined });
  // Only the newest answer is drawn: a slow one for an older search term must not replace it.
  let asked = 0;
  const showServices = async (answer) => {
    const mine = ++asked;
    const result = answer ?? await servicesPage(state, signal);
    if (mine !== asked) return;
    keepInLink();
    servicesBox.replaceChildren(servicesTable(result, state, changes => {
      Object.assign(state, changes);
      showServices();
    }));
  };
  const showAgents = () => {
    const term = state.q.toLowerCase();
    const shown = agents.filter(a => a.id.toLowerCase().includes(term));
    agentsBox.replaceChildren(
      h('p', { class: 'meta' }, `${shown.length} of ${agents.length} agents`,
        agents.length === AGENT_LIMIT ? ` (the ${AGENT_LIMIT} most recently seen)` : ''),
      agentsTable(shown));
  };
  search.addEventListener('input', () => {
    state.q = search.value.trim();
    state.offset = 0;
    showServices();
    showAgents();
  });
  await showServices(services);
  showAgents();
  page.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Fleet'), search),
    totals(overview),
    h('div', { class: 'columns' },
      section('Triggered tasks per hour, last 24 h', timeChart([{
        label: 'triggered tasks', points: overview.triggeredPerHour.map(b => ({ timestamp: b.hour, value: b.tasks })),
      }], { title: `${count(overview.triggeredPerHour.reduce((n, b) => n + b.tasks, 0))} tasks triggered`,
        bars: true })),
      section('Most triggered services, last 24 h', table([
        { title: 'Service', cell: s => h('a', { href: href(['services', s.service]) }, s.service) },
        { title: 'Triggered tasks', className: 'num', cell: s => count(s.tasks) },
      ], overview.mostTriggered, { key: s => `top:${s.service}`, empty: 'No policy triggered a task.' }))),
    section('Latest tasks', tasksTable(overview.latestTasks, { withService: true })),
    section('Services', servicesBox),
    section('Agents', agentsBox));
}

function servicesPage({ q, sort, offset }, signal) {
  const query = new URLSearchParams({ sort, offset, limit: PAGE });
  if (q) query.set('q', q);
  return get(`/api/fleet/services?${query}`, signal);
}

function totals(o) {
  const tile = (label, value, detail, id) => h('div', { class: 'tile', dataset: { total: id } },
    h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label),
    detail ? h('span', { class: 'tile-detail' }, detail) : null);
  return h('div', { class: 'tiles' },
    tile('agents alive', count(o.agents.alive), `${count(o.agents.dead)} dead`, 'agents'),
    tile('processes alive', count(o.processes.alive), `${count(o.processes.dead)} dead`, 'processes'),
    tile('services', count(o.services), null, 'services'),
    tile('policies', count(o.policies), null, 'policies'),
    tile('running tasks', count(o.runningTasks), null, 'running'));
}

function servicesTable(result, state, change) {
  const { items, total, offset } = result;
  const descending = state.sort.startsWith('-');
  const key = state.sort.replace(/^-/, '');
  const header = (sort) => h('button', {
    type: 'button', class: 'sort', dataset: { sort }, 'aria-sort': key === sort ? (descending ? 'descending' : 'ascending') : null,
    title: `Sort by ${SORTS[sort].toLowerCase()}`,
    onclick: () => change({ sort: key === sort && !descending ? `-${sort}` : sort, offset: 0 }),
  }, SORTS[sort], key === sort ? (descending ? ' ▼' : ' ▲') : '');
  const last = Math.min(offset + items.length, total);
  return h('div', null,
    h('p', { class: 'meta pager' },
      total === 0 ? 'No service matches.' : `${count(offset + 1)}–${count(last)} of ${count(total)} services`,
      offset > 0 ? h('button', { type: 'button', class: 'page-prev',
        onclick: () => change({ offset: Math.max(0, offset - PAGE) }) }, '‹ previous') : null,
      last < total ? h('button', { type: 'button', class: 'page-next', onclick: () => change({ offset: last }) },
        'next ›') : null),
    table([
      { title: header('name'), cell: s => h('a', { href: href(['services', s.name]) }, s.name) },
      { title: 'Layers', cell: s => s.layers.map(l => h('span', { class: 'chip' }, l)) },
      { title: header('instances'), className: 'num', cell: s => count(s.instances) },
      { title: header('alive'), className: 'num alive', cell: s => count(s.aliveProcesses) },
      { title: header('dead'), className: 'num dead', cell: s => count(s.deadProcesses) },
    ], items, { key: s => s.name, empty: 'No service matches.' }));
}

function agentsTable(agents) {
  return table([
    { title: 'Agent', className: 'mono', cell: a => a.id },
    { title: 'State', cell: a => stateBadge(a.state) },
    { title: 'Alive processes', className: 'num', cell: a => count(a.aliveProcesses) },
    { title: 'Last seen', cell: a => when(a.lastSeen) },
    { title: 'First seen', cell: a => when(a.firstSeen) },
  ], agents, { key: a => a.id, empty: 'No agent matches.' });
}
