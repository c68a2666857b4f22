// The one adapter over the graph library (Cytoscape, laid out by dagre): views hand it a call
// graph model and get clicks back; nothing else in the dashboard touches Cytoscape. Above a
// threshold of visible nodes, methods are drawn as their classes or packages (a pie of their
// decisions) and expand on click, so that a jar of 10,000 methods stays responsive.

import cytoscape from 'cytoscape';
import { DECISIONS } from './callgraph.js';

const COLOURS = {
  REMOTE: '#2e9e5b', LOCAL: '#3a74c9', PINNED: '#e08a1e', NOT_TRANSFERABLE: '#9a9a9a', UNPLACED: '#d6d6d6',
};

/** Visible nodes above which the graph is drawn by class, then by package. */
export const AGGREGATE_ABOVE = 200;

/** Up to this many drawn nodes and edges the layout is layered (dagre); above, breadth-first. */
const LAYERED_NODES = 80;
const LAYERED_EDGES = 160;

function packageOf(className) {
  const dot = className.lastIndexOf('.');
  return dot < 0 ? '(default)' : className.slice(0, dot);
}

function shortName(className) {
  return className.slice(className.lastIndexOf('.') + 1);
}

const STYLE = [
  { selector: 'node', style: {
    label: 'data(label)', 'font-size': 9, 'text-valign': 'center', 'text-halign': 'right',
    'text-margin-x': 3, width: 14, height: 14, 'background-color': 'data(colour)',
    'border-width': 1, 'border-color': '#555' } },
  { selector: 'node[kind != "method"]', style: {
    shape: 'round-rectangle', width: 22, height: 22, 'background-color': '#fff',
    'pie-size': '100%',
    ...Object.fromEntries(DECISIONS.flatMap((d, i) => [
      [`pie-${i + 1}-background-color`, COLOURS[d]], [`pie-${i + 1}-background-size`, `data(pie${i})`]])) } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#000' } },
  { selector: 'edge', style: {
    width: 'mapData(weight, 1, 50, 0.6, 4)', 'line-color': '#bbb', 'target-arrow-color': '#bbb',
    'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier' } },
];

/**
 * Creates a graph in {@code container}. onSelect(method) is called when a method node is clicked.
 */
export function createGraph(container, { onSelect = () => {} } = {}) {
  let model = { methods: [], edges: [] };
  let byKey = new Map();
  let level = 'method';
  const expandedPackages = new Set();
  const expandedClasses = new Set();
  const cy = cytoscape({ container, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4 });

  cy.on('tap', 'node', (event) => {
    const data = event.target.data();
    if (data.kind === 'package') { expandedPackages.add(data.group); draw(); }
    else if (data.kind === 'class') { expandedClasses.add(data.group); draw(); }
    else onSelect(byKey.get(data.id));
  });

  function visibleOf(m) {
    const pkg = packageOf(m.className);
    if (level === 'package' && !expandedPackages.has(pkg)) return { id: `p:${pkg}`, kind: 'package', group: pkg };
    if (level !== 'method' && !expandedClasses.has(m.className)) return { id: `c:${m.className}`, kind: 'class', group: m.className };
    return { id: m.key, kind: 'method', group: m.key };
  }

  function chooseLevel() {
    if (model.methods.length <= AGGREGATE_ABOVE) return 'method';
    const classes = new Set(model.methods.map((m) => m.className));
    return classes.size <= AGGREGATE_ABOVE ? 'class' : 'package';
  }

  function elements() {
    const nodes = new Map();
    const visible = new Map();
    for (const m of model.methods) {
      const v = visibleOf(m);
      visible.set(m.key, v.id);
      let node = nodes.get(v.id);
      if (!node) {
        node = { id: v.id, kind: v.kind, group: v.group, members: 0, counts: Object.fromEntries(DECISIONS.map((d) => [d, 0])) };
        node.label = v.kind === 'method' ? `${shortName(m.className)}.${m.methodName}`
          : v.kind === 'class' ? shortName(v.group) : v.group;
        nodes.set(v.id, node);
      }
      node.members += 1;
      node.counts[m.decision] += 1;
      if (v.kind === 'method') { node.decision = m.decision; node.colour = COLOURS[m.decision]; }
    }
    for (const node of nodes.values()) {
      if (node.kind !== 'method') {
        node.label = `${node.label} (${node.members})`;
        DECISIONS.forEach((d, i) => { node[`pie${i}`] = (100 * node.counts[d]) / node.members; });
        node.colour = '#fff';
      }
    }
    const edges = new Map();
    for (const [a, b] of model.edges) {
      const from = visible.get(a);
      const to = visible.get(b);
      if (from === to) continue;
      const id = `${from}->${to}`;
      const edge = edges.get(id);
      if (edge) edge.weight += 1; else edges.set(id, { id, source: from, target: to, weight: 1 });
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  function layout(nodes, edges) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 8, ranksep: 60, edgesep: 4 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of nodes) g.setNode(n.id, { width: 16 + Math.min(160, n.label.length * 5), height: 18 });
    for (const e of edges) g.setEdge(e.source, e.target);
    dagre.layout(g);
    return (id) => { const p = g.node(id); return { x: p.x, y: p.y }; };
  }

  function draw() {
    const { nodes, edges } = elements();
    // dagre's layered layout splits every edge that spans ranks into dummy nodes: on a dense
    // aggregate graph (commons-math3's packages call each other all over) that takes minutes.
    // Above a small size, Cytoscape's breadth-first layout (linear) draws it instead.
    const layered = nodes.length <= LAYERED_NODES && edges.length <= LAYERED_EDGES;
    const position = layered ? layout(nodes, edges) : () => ({ x: 0, y: 0 });
    cy.batch(() => {
      cy.elements().remove();
      cy.add(nodes.map((n) => ({ group: 'nodes', data: n, position: position(n.id) })));
      cy.add(edges.map((e) => ({ group: 'edges', data: e })));
    });
    if (!layered) {
      cy.layout({ name: 'breadthfirst', directed: true, spacingFactor: 0.8, animate: false, fit: false }).run();
    }
    cy.fit(undefined, 20);
    window.farcall.graphDrawnAt = performance.now();
    requestAnimationFrame(() => { window.farcall.graphRenderedAt = performance.now(); });
  }

  const graph = {
    /** Draws a model: {methods: [{key, className, methodName, decision, ...}], edges: [[a, b]]}. */
    show(next) {
      model = next;
      byKey = new Map(model.methods.map((m) => [m.key, m]));
      expandedPackages.clear();
      expandedClasses.clear();
      level = chooseLevel();
      draw();
    },
    /** Recolours one method (a live decision), redrawing only its node or its group's pie. */
    setDecision(key, decision) {
      const m = byKey.get(key);
      if (!m || m.decision === decision) return;
      m.decision = decision;
      draw();
    },
    /** Does what a click on the node does: expands a group, selects a method. */
    tap(id) {
      const node = cy.getElementById(id);
      if (node.nonempty()) node.emit('tap');
      return node.nonempty();
    },
    /** The drawn nodes' data: id, kind (method, class, package), decision or counts, label. */
    nodes() {
      return cy.nodes().map((n) => ({ ...n.data() }));
    },
    select(key) {
      cy.nodes().unselect();
      cy.getElementById(key).select();
    },
    destroy() { cy.destroy(); if (window.farcall.graph === graph) window.farcall.graph = null; },
  };
  window.farcall.graph = graph;
  return graph;
}
