// Fleet overview: every service with its layers and alive/dead process counts, every agent with when it was last
// seen, both filtered by one search box.

import { get } from '../api.js';
import { h, table, section, stateBadge, count, when } from '../dom.js';
import { href, replaceQuery } from '../router.js';

const AGENT_LIMIT = 1000; // the API's largest page; agents come most recently seen first

export async function fleetPage(page, params, query, signal) {
  const [services, agents] = await Promise.all([
    get('/api/services', signal),
    get(`/api/agents?limit=${AGENT_LIMIT}`, signal),
  ]);
  const search = h('input', {
    type: 'search', id: 'fleet-search', placeholder: 'Search services and agents by name',
    value: query.get('q') || '', 'aria-label': 'Search services and agents by name',
  });
  const servicesBox = h('div');
  const agentsBox = h('div');
  const show = () => {
    const term = search.value.trim().toLowerCase();
    replaceQuery({ q: search.value.trim() });
    const shownServices = services.filter(s => s.name.toLowerCase().includes(term));
    const shownAgents = agents.filter(a => a.id.toLowerCase().includes(term));
    servicesBox.replaceChildren(
      h('p', { class: 'meta' }, `${shownServices.length} of ${services.length} services`),
      servicesTable(shownServices));
    agentsBox.replaceChildren(
      h('p', { class: 'meta' }, `${shownAgents.length} of ${agents.length} agents`,
        agents.length === AGENT_LIMIT ? ` (the ${AGENT_LIMIT} most recently seen)` : ''),
      agentsTable(shownAgents));
  };
  search.addEventListener('input', show);
  show();
  page.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Fleet'), search),
    section('Services', servicesBox),
    section('Agents', agentsBox));
}

function servicesTable(services) {
  return table([
    { title: 'Service', cell: s => h('a', { href: href(['services', s.name]) }, s.name) },
    { title: 'Layers', cell: s => s.layers.map(l => h('span', { class: 'chip' }, l)) },
    { title: 'Instances', className: 'num', cell: s => count(s.instances) },
    { title: 'Alive', className: 'num alive', cell: s => count(s.aliveProcesses) },
    { title: 'Dead', className: 'num dead', cell: s => count(s.deadProcesses) },
  ], services, { key: s => s.name, empty: 'No service matches.' });
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
