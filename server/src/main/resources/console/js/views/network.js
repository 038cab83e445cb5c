// What a NETWORK task found: the topology of its processes and their peers (edges labelled with request rate,
// error share and p99; hover for the rest, click to pin the details), and the sampled requests, each one's captured
// content one click away (it needs the admin token when the server has one).

import { get, getSensitive, enc, ApiError } from '../api.js';
import { h, table, section, errorBox, count, when } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLUMN = 400;
const ROW = 70;
const NODE_W = 180;
const NODE_H = 34;

export async function networkSections(path, signal) {
  const [topology, samples] = await Promise.all([get(`${path}/network/topology`, signal),
    get(`${path}/network/samples?limit=100`, signal)]);
  return [topologySection(topology), samplesSection(path, samples)];
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined) el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const percent = share => share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`;
const ms = value => value === null || value === undefined ? '—' : `${Number(value).toFixed(1)} ms`;
const rate = value => `${Number(value).toFixed(2)}/s`;

function edgeLabel(edge) {
  return `${rate(edge.requestsPerSecond)} · ${percent(edge.errorShare)} err · p99 ${ms(edge.latencyMs.p99)}`;
}

function edgeDetails(edge) {
  const codes = Object.entries(edge.statusCodes).map(([code, n]) => `${code}: ${count(n)}`).join(', ') || '—';
  return [
    ['Side', `${edge.side} (observed by the ${edge.side})`], ['Protocol', `${edge.protocol}${edge.ssl ? ' over TLS' : ''}`],
    ['Requests', `${count(edge.requests)} (${rate(edge.requestsPerSecond)})`], ['Status codes', codes],
    ['Error share (5xx)', percent(edge.errorShare)],
    ['Latency', `mean ${ms(edge.latencyMs.mean)} · p50 ${ms(edge.latencyMs.p50)} · p95 ${ms(edge.latencyMs.p95)}`
      + ` · p99 ${ms(edge.latencyMs.p99)}`],
    ['Bytes written / read', `${count(edge.bytesWritten)} / ${count(edge.bytesRead)}`],
    ['RTT', edge.rttMicros === null ? '—' : `${edge.rttMicros.toFixed(0)} µs`],
    ['Retransmits / drops', `${count(edge.retransmits)} / ${count(edge.drops)}`],
    ['Connects / closes', `${count(edge.connects)} / ${count(edge.closes)}`],
  ];
}

/** Clients on the left, the task's processes in the middle, servers on the right. */
function layout(topology) {
  const sources = new Set(topology.edges.map(e => e.source));
  const targets = new Set(topology.edges.map(e => e.target));
  const columns = [[], [], []];
  for (const node of topology.nodes) {
    const column = node.kind === 'process' || (sources.has(node.id) && targets.has(node.id)) ? 1
      : sources.has(node.id) ? 0 : 2;
    columns[column].push(node);
  }
  const position = new Map();
  columns.forEach((nodes, c) => nodes.forEach((node, r) => position.set(node.id,
    { x: 20 + c * COLUMN, y: 20 + r * ROW })));
  const rows = Math.max(1, ...columns.map(c => c.length));
  return { position, width: 40 + 2 * COLUMN + NODE_W + 200, height: 40 + (rows - 1) * ROW + NODE_H };
}

function topologySection(topology) {
  if (!topology.edges.length) {
    return section('Topology', h('p', { class: 'muted', id: 'topology-empty' }, 'No network data arrived yet.'));
  }
  const { position, width, height } = layout(topology);
  const details = h('div', { class: 'props', id: 'edge-details' },
    h('p', { class: 'muted' }, 'Click an edge for its details.'));
  const nodes = topology.nodes.map(node => {
    const p = position.get(node.id);
    const text = node.kind === 'local' ? 'local (not profiled)' : node.name || node.id;
    return svg('g', { class: `node ${node.kind}`, 'data-id': node.id, transform: `translate(${p.x},${p.y})` },
      svg('title', null, `${node.kind}: ${node.processId || node.name || node.id}`),
      svg('rect', { width: NODE_W, height: NODE_H, rx: 4 }),
      svg('text', { x: 8, y: 21 }, text.length > 24 ? `${text.slice(0, 23)}…` : text));
  });
  const edges = topology.edges.map((edge, i) => {
    const from = position.get(edge.source);
    const to = position.get(edge.target);
    const shift = edge.side === 'server' ? 6 : -6;
    const y1 = from.y + NODE_H / 2 + shift;
    const y2 = to.y + NODE_H / 2 + shift;
    // Between columns a straight line; within one (process to process) a bend out to the right.
    const sameColumn = from.x === to.x;
    const x1 = from.x + NODE_W;
    const x2 = sameColumn ? to.x + NODE_W : to.x;
    const bend = x1 + 60 + (Math.abs(y2 - y1) / 4);
    const d = sameColumn ? `M ${x1} ${y1} C ${bend} ${y1} ${bend} ${y2} ${x2} ${y2}` : `M ${x1} ${y1} L ${x2} ${y2}`;
    const labelX = sameColumn ? bend + 4 : (x1 + x2) / 2;
    const show = () => {
      details.replaceChildren(h('h3', null, `${edge.source.slice(0, 16)} → ${edge.target.slice(0, 16)}`),
        h('dl', null, edgeDetails(edge).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])));
    };
    return svg('g', { class: `edge${edge.errorShare > 0 ? ' failing' : ''}`, 'data-index': i,
      'data-source': edge.source, 'data-target': edge.target, onclick: show },
    svg('title', null, edgeDetails(edge).map(([k, v]) => `${k}: ${v}`).join('\n')),
    svg('path', { d, 'marker-end': 'url(#arrow)' }),
    // A wide invisible twin: a thin line is hard to hover or click.
    svg('path', { class: 'hit', d }),
    svg('text', { x: labelX, y: (y1 + y2) / 2 - 4, 'text-anchor': sameColumn ? 'start' : 'middle' },
      edgeLabel(edge)));
  });
  const chart = svg('svg', { class: 'topology', id: 'topology', viewBox: `0 0 ${width} ${height}`, width, height },
    svg('defs', null, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8,
      markerHeight: 8, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }))),
    edges, nodes);
  return section('Topology', h('p', { class: 'meta' }, `${topology.nodes.length} nodes, ${topology.edges.length}`
    + ' edges (client → server; a label reads request rate · share of 5xx · p99 latency)'), chart, details);
}

function samplesSection(path, samples) {
  const content = h('div', { id: 'sample-content' });
  const open = async sample => {
    content.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
    try {
      const trace = await getSensitive(`${path}/network/samples/${enc(sample.traceId)}`);
      content.replaceChildren(traceView(trace));
    } catch (error) {
      const ask = error instanceof ApiError && error.status === 401
        ? h('p', { class: 'meta', id: 'content-needs-token' },
          'Captured content can hold personal data: paste the admin token at the top right, then open it again.')
        : null;
      content.replaceChildren(errorBox(error), ask);
    }
  };
  return section('Sampled requests',
    h('p', { class: 'meta' }, `${count(samples.total)} sampled`
      + (samples.total > samples.items.length ? `, newest ${samples.items.length} shown` : '')),
    table([
      { title: 'Time', cell: s => when(s.time) },
      { title: 'URI', className: 'mono', cell: s => s.uri },
      { title: 'Reason', cell: s => s.reason },
      { title: 'Status', className: 'num', cell: s => s.status },
      { title: 'Latency', className: 'num', cell: s => `${count(s.latencyMs)} ms` },
      { title: 'Seen at', cell: s => s.detectPoint },
      { title: 'Trace', className: 'mono', cell: s => s.traceId },
      { title: '', cell: s => h('button', { type: 'button', class: 'show-content', onclick: () => open(s) },
        'Content') },
    ], samples.items, { key: s => `${s.traceId}|${s.processId}|${s.reason}`, empty: 'No sampled requests yet.' }),
    content);
}

function traceView(trace) {
  return h('div', { class: 'trace' },
    h('h3', null, `Trace ${trace.traceId}`),
    trace.events.length === 0 ? h('p', { class: 'muted' }, 'No content was captured for this request.') : null,
    trace.events.map(event => h('div', { class: 'event', dataset: { event: event.event } },
      h('p', { class: 'meta' }, h('b', null, event.event), ' · ', when(event.startTime),
        event.contentTruncated ? ' · cut to the per-event cap' : '',
        event.contentDropped ? ' · left out: the task reached its content cap' : '',
        Object.keys(event.tags).length ? ` · ${Object.entries(event.tags).map(([k, v]) => `${k}=${v}`).join(' ')}`
          : ''),
      event.content === null ? null : h('pre', { class: 'content mono' }, event.content))));
}
