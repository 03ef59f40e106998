/*
 * Draws /api/topology as a left-to-right graph in SVG: topics, source, processor and sink nodes
 * laid out in layers by their longest path from a topic, stores beside their processors.
 */
window.StreamsTopology = (() => {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const W = 170, H = 32, GAP_X = 34, GAP_Y = 14, PAD = 16, BLOCK_GAP = 30, LABEL = 22;

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function short(name) {
    return name.length > 24 ? name.slice(0, 11) + '…' + name.slice(-11) : name;
  }

  /** One block's graph: nodes {id, name, kind} and edges {from, to, dashed}. */
  function graphOf(nodes) {
    const graph = {nodes: new Map(), edges: []};
    const add = (id, name, kind) => { if (!graph.nodes.has(id)) graph.nodes.set(id, {id, name, kind}); return id; };
    nodes.forEach(n => add('n:' + n.name, n.name, n.kind.toLowerCase()));
    nodes.forEach(n => {
      const id = 'n:' + n.name;
      if (n.kind === 'SOURCE') {
        (n.topics || []).forEach(t => graph.edges.push({from: add('t:' + t, t, 'topic'), to: id}));
        if (n.topicPattern) graph.edges.push({from: add('t:' + n.topicPattern, n.topicPattern, 'topic'), to: id});
      }
      if (n.kind === 'SINK') (n.topics || []).forEach(t => graph.edges.push({from: id, to: add('t:' + t, t, 'topic')}));
      (n.successors || []).forEach(s => graph.edges.push({from: id, to: 'n:' + s}));
      (n.stores || []).forEach(s => graph.edges.push({from: id, to: add('s:' + s, s, 'store'), dashed: true}));
    });
    return graph;
  }

  function layout(graph) {
    const layer = new Map();
    const flow = graph.edges.filter(e => !e.dashed);
    graph.nodes.forEach((node, id) => { if (node.kind !== 'store') layer.set(id, 0); });
    // Longest path by relaxation; a topology is a DAG, the bound guards against a malformed answer.
    for (let round = 0; round < graph.nodes.size; round++) {
      let changed = false;
      flow.forEach(e => {
        const next = (layer.get(e.from) || 0) + 1;
        if (layer.has(e.to) && next > layer.get(e.to)) { layer.set(e.to, next); changed = true; }
      });
      if (!changed) break;
    }
    graph.edges.filter(e => e.dashed).forEach(e => layer.set(e.to, Math.max(layer.get(e.to) || 0, layer.get(e.from) || 0)));
    const rows = new Map();
    const position = new Map();
    const ordered = [...graph.nodes.keys()].sort((a, b) => (graph.nodes.get(a).kind === 'store') - (graph.nodes.get(b).kind === 'store'));
    ordered.forEach(id => {
      const l = layer.get(id) || 0;
      const row = rows.get(l) || 0;
      rows.set(l, row + 1);
      position.set(id, {x: PAD + l * (W + GAP_X), y: row * (H + GAP_Y)});
    });
    const width = PAD * 2 + (Math.max(0, ...layer.values()) + 1) * (W + GAP_X);
    const height = Math.max(1, ...rows.values()) * (H + GAP_Y);
    return {position, width, height};
  }

  function drawBlock(root, title, graph, top) {
    const {position, width, height} = layout(graph);
    root.appendChild(svg('text', {x: PAD, y: top + 15, class: 'block-title'}, title));
    const y0 = top + LABEL;
    graph.edges.forEach(e => {
      const a = position.get(e.from), b = position.get(e.to);
      if (!a || !b) return;
      const x1 = a.x + W, y1 = y0 + a.y + H / 2, x2 = b.x, y2 = y0 + b.y + H / 2;
      const d = e.dashed
        ? 'M' + (a.x + W / 2) + ',' + (y0 + a.y + H) + ' L' + (b.x + W / 2) + ',' + (y0 + b.y)
        : 'M' + x1 + ',' + y1 + ' C' + (x1 + GAP_X / 2) + ',' + y1 + ' ' + (x2 - GAP_X / 2) + ',' + y2 + ' ' + x2 + ',' + y2;
      root.appendChild(svg('path', {d, class: e.dashed ? 'edge store-edge' : 'edge', 'marker-end': e.dashed ? '' : 'url(#arrow)'}));
    });
    graph.nodes.forEach((node, id) => {
      const p = position.get(id);
      const g = svg('g', {class: 'node ' + node.kind, 'data-node': node.name, 'data-kind': node.kind,
        transform: 'translate(' + p.x + ',' + (y0 + p.y) + ')'});
      g.appendChild(svg('title', {}, node.kind + ': ' + node.name));
      g.appendChild(svg('rect', {width: W, height: H, rx: node.kind === 'topic' ? H / 2 : 4}));
      g.appendChild(svg('text', {x: W / 2, y: H / 2 + 4, 'text-anchor': 'middle'}, short(node.name)));
      root.appendChild(g);
    });
    return {width, height: height + LABEL};
  }

  function draw(container, topology) {
    const root = svg('svg', {class: 'topology-graph', role: 'img', 'aria-label': 'topology graph'});
    const defs = svg('defs');
    const marker = svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto'});
    marker.appendChild(svg('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrow'}));
    defs.appendChild(marker);
    root.appendChild(defs);
    let top = 4, width = 0;
    topology.subtopologies.forEach(sub => {
      const size = drawBlock(root, 'Sub-topology ' + sub.id, graphOf(sub.nodes), top);
      top += size.height + BLOCK_GAP;
      width = Math.max(width, size.width);
    });
    topology.globalStores.forEach(global => {
      const size = drawBlock(root, 'Global store ' + global.id, graphOf([global.source, global.processor]), top);
      top += size.height + BLOCK_GAP;
      width = Math.max(width, size.width);
    });
    root.setAttribute('width', width);
    root.setAttribute('height', top);
    root.setAttribute('viewBox', '0 0 ' + width + ' ' + top);
    container.replaceChildren(root);
    container.dataset.nodes = String(root.querySelectorAll('g.node').length);
  }

  return {draw};
})();
