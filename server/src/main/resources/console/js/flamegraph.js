// An interactive flame graph (drawn top-down, root first) of a tree {name, value, children: [...]}, with optional
// extra numeric fields per node (off-CPU profiles carry e.g. switches and durationNs). Click a frame to zoom into
// it, click a frame above it (or "Reset zoom") to zoom out; the search box highlights matching frames and says
// what share of the view they hold; hovering a frame shows its numbers. Kernel frames are blue-grey and marked
// "[k]" so they never pass for user code. With {diff: true} the tree is a differential one (each node has base and
// compare): widths follow the picked side, red frames grew their share from base to compare, blue ones shrank.

import { h, count } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 18;          // px per stack level
const MIN_WIDTH = 0.5;   // px; narrower frames (and their callees below them) are not drawn
const CHAR_WIDTH = 7;    // px of a 12 px monospace character, to cut labels that do not fit

// How the fields the profile API sends are named and printed; other numeric fields are shown as counts.
const METRICS = {
  value: { label: 'samples', format: count },
  samples: { label: 'samples', format: count },
  switches: { label: 'switches', format: count },
  durationNs: { label: 'off-CPU time', format: nanos },
  compare: { label: 'in compare', format: count },
  base: { label: 'in base', format: count },
};

/**
 * The flame graph's element; it draws itself once it is on the page and redraws when its width changes.
 * metric: what to weigh frames by at first (off-CPU profiles are best read by time), when the tree has it.
 */
export function flameGraph(tree, { metric, diff = false } = {}) {
  const root = build(tree, null);
  const metrics = metricsOf(tree);
  const fill = diff ? diffColour(tree) : node => (node.data.kernel ? kernelColour(node.name) : colour(node.name));
  const state = { metric: metrics.includes(metric) ? metric : metrics[0], focus: root, term: '' };

  const status = h('span', { class: 'fg-status' });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'fg-chart');
  const tooltip = h('div', { class: 'fg-tooltip', hidden: true });
  const search = h('input', {
    type: 'search', class: 'fg-search', placeholder: 'Search frames', 'aria-label': 'Search frames',
    oninput: () => { state.term = search.value.trim().toLowerCase(); draw(); },
  });
  const metricPicker = metrics.length < 2 ? null : h('select', {
    class: 'fg-metric', 'aria-label': 'Weigh frames by',
    onchange: () => { state.metric = metricPicker.value; draw(); },
  }, metrics.map(m => h('option', { value: m, selected: m === state.metric }, describe(m).label)));
  const element = h('div', { class: 'flamegraph' },
    h('div', { class: 'fg-toolbar' }, metricPicker, search,
      h('button', { type: 'button', class: 'fg-reset', onclick: () => zoom(root) }, 'Reset zoom'), status),
    svg, tooltip, diff ? h('p', { class: 'meta fg-legend' }, h('span', { class: 'grew' }, 'red'), ': a larger share in',
    ' compare than in base · ', h('span', { class: 'shrank' }, 'blue'), ': a smaller share · kernel frames end in [k]')
    : h('p', { class: 'meta fg-legend' }, h('span', { class: 'kernel-note' }, 'blue-grey'), ' frames [k] run in the kernel'));

  const frames = new Map(); // <g> element -> node, for the delegated event handlers below
  function zoom(node) {
    state.focus = node;
    draw();
  }

  function draw() {
    const width = svg.getBoundingClientRect().width;
    if (width === 0) return;
    frames.clear();
    svg.replaceChildren();
    const focusValue = valueOf(state.focus, state.metric);
    let depth = 0;
    // The focus's ancestors span the width above it, dimmed: they are the way back out.
    for (const ancestor of ancestorsOf(state.focus)) {
      frame(ancestor, 0, width, depth++, matches(ancestor) ? 'ancestor match' : 'ancestor');
    }
    const height = layout(state.focus, 0, width, depth);
    svg.setAttribute('height', String(Math.max(height, 1) * ROW));
    status.textContent = summary(focusValue);
  }

  // Draws node and its subtree in [x, x + width); returns the number of rows used.
  function layout(node, x, width, depth) {
    if (width < MIN_WIDTH) return depth;
    frame(node, x, width, depth, matches(node) ? 'match' : null);
    let deepest = depth + 1;
    let childX = x;
    const value = valueOf(node, state.metric);
    for (const child of node.children) {
      const childWidth = value > 0 ? width * valueOf(child, state.metric) / value : 0;
      deepest = Math.max(deepest, layout(child, childX, childWidth, depth + 1));
      childX += childWidth;
    }
    return deepest;
  }

  function frame(node, x, width, depth, kind) {
    const g = document.createElementNS(SVG, 'g');
    const classes = ['frame', kind, node.data.kernel ? 'kernel' : null].filter(Boolean);
    g.setAttribute('class', classes.join(' '));
    g.dataset.name = node.name;
    const rect = document.createElementNS(SVG, 'rect');
    attrs(rect, { x, y: depth * ROW, width, height: ROW - 1, fill: fill(node) });
    const text = document.createElementNS(SVG, 'text');
    attrs(text, { x: x + 3, y: depth * ROW + 13 });
    text.textContent = fit(node.data.kernel ? `${node.name} [k]` : node.name, width - 6);
    g.append(rect, text);
    svg.append(g);
    frames.set(g, node);
  }

  function matches(node) {
    return state.term !== '' && node.name.toLowerCase().includes(state.term);
  }

  // What the status line says: the zoom, and with a search what share of the view the matches hold.
  function summary(focusValue) {
    const { label, format } = describe(state.metric);
    const total = valueOf(root, state.metric);
    let text = state.focus === root
      ? `${format(total)} ${label}`
      : `${state.focus.name}: ${format(focusValue)} ${label}, ${percent(focusValue, total)} of all`;
    if (state.term) {
      const found = { frames: 0, value: 0 };
      collect(state.focus, found);
      text += ` · ${found.frames} matching frame${found.frames === 1 ? '' : 's'}, `
        + `${percent(found.value, focusValue)} of this view`;
    }
    return text;
  }

  // Counts matching frames; a match inside a match adds no value, its samples are already counted.
  function collect(node, found, insideMatch = false) {
    const isMatch = matches(node);
    if (isMatch) {
      found.frames++;
      if (!insideMatch) found.value += valueOf(node, state.metric);
    }
    for (const child of node.children) collect(child, found, insideMatch || isMatch);
  }

  function showTooltip(node, event) {
    const total = valueOf(root, state.metric);
    const value = valueOf(node, state.metric);
    const lines = metrics.map(m => `${describe(m).format(valueOf(node, m))} ${describe(m).label}`);
    lines.push(`${percent(value, total)} of all`);
    if (state.focus !== root) lines.push(`${percent(value, valueOf(state.focus, state.metric))} of zoomed frame`);
    tooltip.replaceChildren(h('strong', null, node.name), h('div', null, lines.join(' · ')));
    tooltip.hidden = false;
    const box = element.getBoundingClientRect();
    // Keep the tooltip inside the graph: flip it to the left of the pointer near the right edge.
    const left = event.clientX - box.left + 12;
    tooltip.style.left = `${Math.min(left, box.width - tooltip.offsetWidth - 4)}px`;
    tooltip.style.top = `${event.clientY - box.top + 16}px`;
  }

  /** Zooms into the widest frame of this function and highlights every frame of it (the top-functions table). */
  element.focusFunction = (name, kernel) => {
    let widest = null;
    const visit = node => {
      if (node.name === name && Boolean(node.data.kernel) === kernel
        && (!widest || valueOf(node, state.metric) > valueOf(widest, state.metric))) widest = node;
      node.children.forEach(visit);
    };
    visit(root);
    search.value = name;
    state.term = name.toLowerCase();
    if (widest) zoom(widest);
    else draw();
  };

  svg.addEventListener('click', event => {
    const node = frames.get(event.target.closest('g.frame'));
    if (node) zoom(node);
  });
  svg.addEventListener('mousemove', event => {
    const node = frames.get(event.target.closest('g.frame'));
    if (node) showTooltip(node, event);
    else tooltip.hidden = true;
  });
  svg.addEventListener('mouseleave', () => { tooltip.hidden = true; });
  new ResizeObserver(draw).observe(svg);
  return element;
}

function build(data, parent) {
  const node = { name: String(data.name ?? ''), data, parent, children: [] };
  node.children = (data.children || []).map(child => build(child, node));
  return node;
}

// A metric that is zero at the root (switches in an on-CPU profile) would draw nothing, so it is not offered.
function metricsOf(tree) {
  const numeric = Object.keys(tree).filter(k => typeof tree[k] === 'number' && tree[k] > 0);
  const known = Object.keys(METRICS).filter(k => numeric.includes(k));
  return [...known, ...numeric.filter(k => !known.includes(k))];
}

function describe(metric) {
  return METRICS[metric] || { label: metric, format: count };
}

function valueOf(node, metric) {
  const value = node.data[metric];
  return typeof value === 'number' && value > 0 ? value : 0;
}

function ancestorsOf(node) {
  const chain = [];
  for (let n = node.parent; n; n = n.parent) chain.unshift(n);
  return chain;
}

function attrs(el, values) {
  for (const [k, v] of Object.entries(values)) el.setAttribute(k, String(v));
}

function fit(name, width) {
  const chars = Math.floor(width / CHAR_WIDTH);
  if (chars < 3) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 1)}…`;
}

// Kernel frames in cool blue-greys, apart from the warm user-space ones.
function kernelColour(name) {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return `hsl(${200 + Math.abs(hash) % 20}, 30%, ${60 + Math.abs(hash >> 8) % 15}%)`;
}

// Red where a frame's share of its profile grew from base to compare, blue where it shrank, white where equal;
// the strongest change in the graph is the deepest colour.
function diffColour(tree) {
  const baseTotal = tree.base || 1;
  const compareTotal = tree.compare || 1;
  const delta = node => (node.data.compare || 0) / compareTotal - (node.data.base || 0) / baseTotal;
  let strongest = 0;
  const visit = data => {
    strongest = Math.max(strongest, Math.abs((data.compare || 0) / compareTotal - (data.base || 0) / baseTotal));
    (data.children || []).forEach(visit);
  };
  visit(tree);
  return node => {
    const d = delta(node);
    const strength = strongest > 0 ? Math.abs(d) / strongest : 0;
    const light = Math.round(96 - 46 * strength);
    return d >= 0 ? `hsl(0, 80%, ${light}%)` : `hsl(215, 80%, ${light}%)`;
  };
}

// Warm colours, the same for the same function name in every graph, so a frame is recognisable across views.
function colour(name) {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  const hue = Math.abs(hash) % 50;
  const light = 55 + (Math.abs(hash >> 8) % 15);
  return `hsl(${hue}, 85%, ${light}%)`;
}

function percent(part, whole) {
  if (whole <= 0) return '0%';
  const p = 100 * part / whole;
  return p > 0 && p < 0.1 ? '<0.1%' : `${p.toFixed(1)}%`;
}

function nanos(ns) {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(1)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}
