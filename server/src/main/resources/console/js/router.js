// Hash routes ("#/services/ns%3A%3Ashop?state=alive"): pages are links, the back button works, and the server
// only ever serves index.html. A page is async (outlet, params, query, signal) => void and renders into outlet.

import { h, errorBox } from './dom.js';

const routes = [];
let current = null;
let view = null;

/** Registers a page for a pattern like '/services/:service'; ':name' segments arrive decoded in params. */
export function route(pattern, page) {
  routes.push({ segments: split(pattern), page });
}

/** The href of a page: path segments are encoded here, so callers pass plain names. */
export function href(segments, query) {
  return withQuery('#/' + segments.map(encodeURIComponent).join('/'), query);
}

/** Replaces the current page's query (e.g. a search term) without adding a history entry per keystroke. */
export function replaceQuery(query) {
  history.replaceState(null, '', withQuery(location.hash.split('?')[0] || '#/', query));
}

function withQuery(path, query) {
  const search = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v !== undefined && v !== ''))
    .toString();
  return search ? `${path}?${search}` : path;
}

export function start(outlet) {
  view = outlet;
  window.addEventListener('hashchange', () => render(outlet));
  render(outlet);
}

/** Renders the current page again, after a change made on it (e.g. a stopped task). */
export function reload() {
  render(view);
}

async function render(outlet) {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const [path, search = ''] = location.hash.slice(1).split('?');
  const match = find(split(path || '/'));
  outlet.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (!match) throw new Error(`No page at ${path}`);
    const page = h('div', { class: 'page' });
    await match.route.page(page, match.params, new URLSearchParams(search), controller.signal);
    // A slower page that was navigated away from must not replace the newer one.
    if (!controller.signal.aborted) outlet.replaceChildren(page);
  } catch (error) {
    if (!controller.signal.aborted) outlet.replaceChildren(errorBox(error));
  }
}

function find(segments) {
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const params = {};
    const matches = route.segments.every((s, i) => {
      if (s.startsWith(':')) {
        params[s.slice(1)] = decodeURIComponent(segments[i]);
        return true;
      }
      return s === segments[i];
    });
    if (matches) return { route, params };
  }
  return null;
}

function split(path) {
  return path.split('/').filter(s => s !== '');
}
