// The top functions of a profile tree, next to its flame graph: per function (kernel ones apart) its self value
// (time in the function itself) and total (in it and what it calls; a recursive function counted once per stack),
// sortable by either, searchable, and a click focuses the flame graph on it.

import { h, count } from './dom.js';

const SHOWN = 100;

/** tree: the flame-graph tree; metric: the field to weigh by; onFocus(name, kernel): a row was picked. */
export function topFunctions(tree, metric, onFocus) {
  const rows = functionsOf(tree, metric);
  const whole = tree[metric] || 0;
  const state = { sort: 'self', term: '' };
  const body = h('tbody');
  const status = h('span', { class: 'meta' });
  const search = h('input', { type: 'search', class: 'tf-search', placeholder: 'Search functions',
    'aria-label': 'Search functions', oninput: () => { state.term = search.value.trim().toLowerCase(); draw(); } });
  const header = (key, title) => h('th', { class: 'num' }, h('button', { type: 'button', class: 'sort',
    dataset: { sort: key }, onclick: () => { state.sort = key; draw(); } }, title));
  const headers = h('tr', null, h('th', null, 'Function'), header('self', 'Self'), h('th', { class: 'num' }, '%'),
    header('total', 'Total'), h('th', { class: 'num' }, '%'));

  function draw() {
    const shown = rows.filter(r => r.name.toLowerCase().includes(state.term))
      .sort((a, b) => b[state.sort] - a[state.sort] || a.name.localeCompare(b.name));
    for (const button of headers.querySelectorAll('button.sort')) {
      if (button.dataset.sort === state.sort) button.setAttribute('aria-sort', 'descending');
      else button.removeAttribute('aria-sort');
    }
    status.textContent = `${shown.length} of ${rows.length} functions`
      + (shown.length > SHOWN ? `, the first ${SHOWN} shown` : '');
    body.replaceChildren(...shown.slice(0, SHOWN).map(r => h('tr', {
      class: r.kernel ? 'kernel' : null, tabindex: 0, title: 'Focus the flame graph on it',
      dataset: { key: `fn:${r.kernel ? 'k:' : ''}${r.name}` },
      onclick: () => onFocus(r.name, r.kernel),
      onkeydown: event => { if (event.key === 'Enter') onFocus(r.name, r.kernel); },
    }, h('td', { class: 'mono' }, r.name, r.kernel ? h('span', { class: 'chip kernel' }, 'kernel') : null),
    h('td', { class: 'num' }, count(r.self)), h('td', { class: 'num' }, percent(r.self, whole)),
    h('td', { class: 'num' }, count(r.total)), h('td', { class: 'num' }, percent(r.total, whole)))));
  }
  draw();
  return h('div', { class: 'top-functions' }, h('div', { class: 'fg-toolbar' }, search, status),
    h('table', { class: 'grid' }, h('thead', null, headers), body));
}

function functionsOf(tree, metric) {
  const byKey = new Map();
  const visit = (node, onStack) => {
    const key = `${node.kernel ? 'k' : 'u'}:${node.name}`;
    const value = node[metric] || 0;
    const childValue = (node.children || []).reduce((sum, c) => sum + (c[metric] || 0), 0);
    let row = byKey.get(key);
    if (!row) byKey.set(key, row = { name: node.name, kernel: Boolean(node.kernel), self: 0, total: 0 });
    row.self += Math.max(0, value - childValue);
    if (!onStack.has(key)) row.total += value;
    const below = new Set(onStack).add(key);
    for (const child of node.children || []) visit(child, below);
  };
  // The root is the whole profile, not a function.
  for (const child of tree.children || []) visit(child, new Set());
  return [...byKey.values()];
}

function percent(part, whole) {
  return whole > 0 ? `${(100 * part / whole).toFixed(1)}%` : '—';
}
