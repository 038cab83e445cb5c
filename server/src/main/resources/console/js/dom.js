// Building DOM from data without innerHTML, so names and command lines from agents can never inject markup.

/**
 * h('a', {href: '#/', class: 'x', onclick: fn, dataset: {id: 1}}, 'text', childNode, [more, children])
 * Null, undefined and false children are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child !== undefined && child !== null && child !== false) {
      el.append(child instanceof Node ? child : String(child));
    }
  }
}

/**
 * A dense table. columns: [{title, cell: row => node|text, className}]; rows: array.
 * Each row gets data-key = key(row) so pages and tests can find it.
 */
export function table(columns, rows, { key, empty = 'nothing here' } = {}) {
  return h('table', { class: 'grid' },
    h('thead', null, h('tr', null, columns.map(c => h('th', { class: c.className }, c.title)))),
    h('tbody', null, rows.length === 0
      ? h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, empty))
      : rows.map(row => h('tr', { dataset: key ? { key: key(row) } : undefined },
        columns.map(c => h('td', { class: c.className }, c.cell(row)))))));
}

/** A titled block of a page. */
export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', null, title), ...children);
}

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, error.message,
    error.problems?.length ? h('ul', null, error.problems.map(p => h('li', null, p))) : null);
}

/** ALIVE/DEAD as a coloured badge. */
export function stateBadge(state) {
  return h('span', { class: `badge ${String(state).toLowerCase()}` }, String(state).toLowerCase());
}

const NUMBER = new Intl.NumberFormat();
export const count = n => NUMBER.format(n);

/** "3 min ago" with the exact local time as a tooltip. */
export function when(epochMillis) {
  if (!epochMillis) return '—';
  return h('time', { datetime: new Date(epochMillis).toISOString(), title: new Date(epochMillis).toLocaleString() },
    relative(epochMillis - Date.now()));
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['day', 86400e3], ['hour', 3600e3], ['minute', 60e3], ['second', 1e3]];

function relative(deltaMillis) {
  for (const [unit, size] of UNITS) {
    if (Math.abs(deltaMillis) >= size || unit === 'second') {
      return RELATIVE.format(Math.round(deltaMillis / size), unit);
    }
  }
}
