// The continuous-profiling policy editor of a service. The server is the only validator: the editor sends what
// was typed and puts each of the server's problems next to the field its path names (ON_CPU.PROCESS_CPU.threshold),
// so the rules live in one place and the console cannot disagree with them. Before saving, a backtest replays the
// draft over the stored metrics ("would have fired N times in the last 6 h", marked on the charts); below, which
// agents already hold the stored version, refreshed while the page is open. What a policy may say (targets,
// checkers, their units, which take URIs) is the server's too, read from GET /api/policy-vocabulary.

import { get, send, enc, ApiError } from '../api.js';
import { h, section, errorBox, when, table, count } from '../dom.js';

const NEW_CHECK = { threshold: '', period: 10, count: 5 };
const BACKTEST_HOURS = 6;
const ROLLOUT_REFRESH_MS = 5000;

/** GET /api/policy-vocabulary: {targets: [name], checkers: [{name, unit, symbol, http, ...}]}. */
export function policyVocabulary(signal) {
  return get('/api/policy-vocabulary', signal);
}

/**
 * The editor's section; stored is the policy from GET /api/policies/{service}, or null when there is none, and
 * vocabulary what {@link policyVocabulary} read. onChange({policy, backtest}) is told of a saved policy, or of a
 * backtested draft and its would-be triggers.
 */
export function policyEditor(service, stored, vocabulary, { signal, onChange = () => {} } = {}) {
  const checkers = new Map(vocabulary.checkers.map(c => [c.name, c]));
  const state = { stored, targets: structuredClone(stored?.targets || {}), onChange, backtest: null,
    targetNames: vocabulary.targets, checkers };
  const body = h('div');
  const rollout = h('div', { id: 'policy-rollout' });
  // error: a refused write, whose problems are put next to their fields.
  const draw = error => body.replaceChildren(...render(service, state, draw, error));
  draw();
  watchRollout(service, rollout, signal);
  return section('Continuous-profiling policy', body, rollout);
}

function render(service, state, draw, error) {
  const fields = new Map();   // problem path -> the element its message goes after
  const general = [];
  const form = h('form', { class: 'policy', onsubmit: event => { event.preventDefault(); save(service, state, draw); } },
    Object.entries(state.targets).map(([target, checks]) => targetBlock(target, checks, state, draw, fields)),
    addTarget(state, draw),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'policy-save' }, 'Save policy'),
      h('button', { type: 'button', id: 'policy-backtest', onclick: () => backtest(service, state, draw),
        title: `Replay this draft over the stored metrics of the last ${BACKTEST_HOURS} h` },
      `Backtest last ${BACKTEST_HOURS} h`),
      state.stored ? h('button', { type: 'button', id: 'policy-delete', onclick: () => remove(service, state, draw) },
        'Delete policy') : null,
      h('span', { class: 'meta', id: 'policy-version' }, state.stored
        ? ['stored version ', h('span', { class: 'mono' }, state.stored.version), ', updated ',
          when(state.stored.updatedAt)]
        : 'no policy stored')),
    state.backtest ? backtestResult(state.backtest) : null);
  for (const problem of error?.problems || []) {
    const anchor = placeOf(problem, fields);
    if (anchor) anchor.after(h('span', { class: 'problem', role: 'alert' }, problem));
    else general.push(problem);
  }
  return error ? [errorBox(new ApiError(error.status, error.message, general)), form] : [form];
}

/** The field for a problem: the longest known path its "path: message" starts with. */
function placeOf(problem, fields) {
  const path = problem.split(':')[0];
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (fields.has(p)) return fields.get(p);
  }
  return null;
}

function targetBlock(target, checks, state, draw, fields) {
  const legend = h('legend', null, target, ' ', h('button', { type: 'button', class: 'link', title: `Remove ${target}`,
    onclick: () => { delete state.targets[target]; draw(); } }, '×'));
  fields.set(target, legend);
  const free = [...state.checkers.keys()].filter(c => !(c in checks));
  const picker = h('select', { 'aria-label': `Checker for ${target}` }, free.map(c => h('option', { value: c }, c)));
  return h('fieldset', { dataset: { target } }, legend,
    Object.entries(checks).map(([checker, check]) => checkRow(`${target}.${checker}`, state.checkers.get(checker),
      checker, check, () => { delete checks[checker]; draw(); }, fields)),
    free.length ? h('div', null, picker, h('button', { type: 'button',
      onclick: () => { checks[picker.value] = { ...NEW_CHECK }; draw(); } }, 'Add checker')) : null);
}

/**
 * One checker (kind: its vocabulary entry, undefined for a name the server does not know); its fields edit check in
 * place, so a redraw (adding or removing something) keeps what was typed.
 */
function checkRow(path, kind, checker, check, onRemove, fields) {
  const input = (field, props) => {
    const el = h('input', { name: `${path}.${field}`, value: check[field] ?? '', size: 6,
      oninput: () => { check[field] = el.value; }, ...props });
    fields.set(`${path}.${field}`, el);
    return el;
  };
  const row = h('div', { class: 'check', dataset: { path } },
    h('strong', null, checker), ' ≥ ', input('threshold'), kind ? ` ${kind.symbol}` : '',
    ' in ', input('count'), ' of ', input('period'), ' s ',
    kind?.http ? uriFilter(path, check, fields) : null,
    h('button', { type: 'button', class: 'link', title: `Remove ${checker}`, onclick: onRemove }, '×'));
  fields.set(path, row.firstChild);
  return row;
}

/** HTTP checkers filter URIs by a regex or a list (comma-separated here); choosing one drops the other. */
function uriFilter(path, check, fields) {
  const mode = h('select', { name: `${path}.uriMode`, 'aria-label': 'URI filter',
    onchange: () => { switchFilter(check, mode.value, text.value); } },
  h('option', { value: 'uriRegex', selected: 'uriRegex' in check || !('uriList' in check) }, 'URI regex'),
  h('option', { value: 'uriList', selected: 'uriList' in check }, 'URI list'));
  const text = h('input', { name: `${path}.uri`, size: 24, placeholder: '/api/.*  or  /a, /b',
    value: 'uriList' in check ? check.uriList.join(', ') : check.uriRegex ?? '',
    oninput: () => switchFilter(check, mode.value, text.value) });
  fields.set(`${path}.uriRegex`, text);
  fields.set(`${path}.uriList`, text);
  return [' URIs ', mode, ' ', text, ' '];
}

function switchFilter(check, mode, text) {
  delete check.uriRegex;
  delete check.uriList;
  if (text.trim() === '') return;
  check[mode] = mode === 'uriList' ? text.split(',').map(s => s.trim()).filter(Boolean) : text;
}

function addTarget(state, draw) {
  const free = state.targetNames.filter(t => !(t in state.targets));
  if (!free.length) return null;
  const picker = h('select', { id: 'policy-target', 'aria-label': 'Target' },
    free.map(t => h('option', { value: t }, t)));
  return h('div', null, picker, h('button', { type: 'button', id: 'policy-add-target',
    onclick: () => { state.targets[picker.value] = {}; draw(); } }, 'Add target'));
}

async function save(service, state, draw) {
  try {
    state.stored = await send('PUT', `/api/policies/${enc(service)}`, { targets: numeric(state.targets) });
    state.targets = structuredClone(state.stored.targets);
    state.backtest = null;
    state.onChange({ policy: state.stored });
    draw();
  } catch (error) {
    draw(error);
  }
}

async function remove(service, state, draw) {
  try {
    await send('DELETE', `/api/policies/${enc(service)}`);
    state.stored = null;
    state.targets = {};
    draw();
  } catch (error) {
    draw(error);
  }
}

/** The draft as typed, replayed by the server; its problems go next to their fields as a refused save's do. */
async function backtest(service, state, draw) {
  try {
    const targets = numeric(state.targets);
    state.backtest = await send('POST', `/api/policies/${enc(service)}/backtest`, { targets, hours: BACKTEST_HOURS });
    state.onChange({ policy: { targets }, backtest: state.backtest.triggers });
    draw();
  } catch (error) {
    state.backtest = null;
    draw(error);
  }
}

function backtestResult(result) {
  const n = result.triggerCount;
  return h('div', { id: 'policy-backtest-result', class: 'backtest' },
    h('p', null, h('strong', null, `Would have fired ${count(n)} time${n === 1 ? '' : 's'} in the last ${BACKTEST_HOURS} h`),
      ` (${count(result.processesWithData)} processes with data, ${count(result.pointsRead)} points read`,
      result.truncated ? ', truncated' : '', '). ', h('span', { class: 'meta' }, result.method)),
    n ? table([
      { title: 'Would fire', cell: t => when(t.firedAt) },
      { title: 'Target', cell: t => t.target },
      { title: 'Instance', cell: t => t.instance ?? '' },
      { title: 'Process', cell: t => t.process ?? t.processId },
      { title: 'Checkers', cell: t => t.items.join(', ') },
    ], result.triggers, { key: t => `would:${t.processId}:${t.firedAt}` }) : null);
}

/** "held by 287 of 300 agents; 13 hold an older version", re-read every few seconds until the page is left. */
function watchRollout(service, box, signal) {
  let shown = '';
  const read = async () => {
    try {
      const rollout = await get(`/api/policies/${enc(service)}/rollout`, signal);
      // Redrawn only when something changed, so a reader (or a test) is not pulled out from under its text.
      if (JSON.stringify(rollout) === shown) return;
      shown = JSON.stringify(rollout);
      box.replaceChildren(...rolloutView(rollout));
    } catch (error) {
      if (!signal?.aborted) box.replaceChildren(errorBox(error));
    }
  };
  read();
  // The router aborts the page's signal when the user navigates away: the refresh ends with the page.
  const timer = setInterval(read, ROLLOUT_REFRESH_MS);
  signal?.addEventListener('abort', () => clearInterval(timer));
}

function rolloutView({ version, current, stale, agents }) {
  const total = current + stale;
  const summary = !version ? 'No policy stored: agents hold none of this service.'
    : total === 0 ? 'No agent polled this service recently.'
      : `Held by ${count(current)} of ${count(total)} agent${total === 1 ? '' : 's'}`
        + (stale ? `; ${count(stale)} hold${stale === 1 ? 's' : ''} an older version or none.` : '.');
  return [h('h3', null, 'Rollout'), h('p', { id: 'policy-rollout-summary' }, summary),
    agents.length ? table([
      { title: 'Agent', className: 'mono', cell: a => a.agent },
      { title: 'Holds', cell: a => a.holds === version
        ? h('span', { class: 'badge alive' }, 'current') : h('span', { class: 'badge dead' }, a.holds ? 'older' : 'none') },
      { title: 'Version held', className: 'mono', cell: a => a.holds || '—' },
      { title: 'Last polled', cell: a => when(a.lastPolledAt) },
    ], agents, { key: a => `rollout:${a.agent}` }) : null];
}

/** Typed numbers as JSON numbers; anything else is sent as typed, for the server to name the problem. */
function numeric(targets) {
  const number = v => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  return Object.fromEntries(Object.entries(targets).map(([target, checks]) => [target, Object.fromEntries(
    Object.entries(checks).map(([checker, check]) => [checker, Object.fromEntries(
      Object.entries(check).map(([field, v]) => [field, Array.isArray(v) ? v : number(v)]))]))]));
}
