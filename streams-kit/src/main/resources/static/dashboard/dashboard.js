/*
 * The live page: polls the kit's figures and the service's panels once a second with fetch(), so
 * the same bearer token as the API rides in the Authorization header (EventSource cannot send one).
 * The token comes from the URL fragment (#token=..., never sent to the server in the URL) or the
 * login field, and is kept in sessionStorage for this tab only.
 */
(() => {
  'use strict';
  const P = window.StreamsPanels;
  const TOKEN_KEY = 'streams-kit.token';
  const POLL_MS = 1000;
  let servicePanels = [];
  let throughput = null;
  let latency = null;

  class AuthRequired extends Error {}

  function takeTokenFromFragment() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  async function getJson(path) {
    const headers = {Accept: 'application/json'};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, {headers, cache: 'no-store', credentials: 'omit'});
    if (response.status === 401 || response.status === 403) {
      throw new AuthRequired(response.status === 401 ? 'this service wants a bearer token' : 'the token may not read ' + path);
    }
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  function setFigure(name, value) {
    document.querySelectorAll('[data-figure="' + name + '"]').forEach(node => {
      node.textContent = value === null || value === undefined ? '–' : String(value);
    });
  }

  function last(list) {
    return list && list.length ? list[list.length - 1] : null;
  }

  function drawSnapshot(s) {
    document.getElementById('service').textContent = s.service;
    document.getElementById('instance').textContent = s.instance;
    document.title = s.service + ' · dashboard';
    const state = document.getElementById('state');
    state.textContent = s.state;
    state.className = 'badge state-' + s.state.toLowerCase();

    setFigure('recordsIn', s.totals.recordsIn);
    setFigure('recordsOut', s.totals.recordsOut);
    setFigure('recordsInPerSecond', last(s.series.recordsInPerSecond));
    setFigure('recordsOutPerSecond', last(s.series.recordsOutPerSecond));
    setFigure('e2eLatencyP50Ms', last(s.series.e2eLatencyP50Ms));
    setFigure('e2eLatencyP99Ms', last(s.series.e2eLatencyP99Ms));
    setFigure('threadReplacements', s.threadReplacements);
    setFigure('restored', s.restoration.restored);
    setFigure('restoreTotal', s.restoration.total);

    if (!throughput) throughput = P.lineChart(document.getElementById('throughput-chart'), ['in/s', 'out/s']);
    if (!latency) latency = P.lineChart(document.getElementById('latency-chart'), ['p50 ms', 'p99 ms']);
    throughput.setData([s.series.time, s.series.recordsInPerSecond, s.series.recordsOutPerSecond]);
    latency.setData([s.series.time, s.series.e2eLatencyP50Ms, s.series.e2eLatencyP99Ms]);
    document.getElementById('throughput-chart').dataset.points = String(s.series.time.length);
    document.getElementById('latency-chart').dataset.points = String(s.series.time.length);

    P.bars(document.getElementById('lag'),
      s.lag.map(l => ({label: l.topic + '-' + l.partition, value: l.lag})), 'no partitions assigned');
    P.bars(document.getElementById('dead-letters'),
      s.deadLetters.map(d => ({label: d.reason, value: d.count})), 'none');
    const threads = document.getElementById('threads');
    threads.replaceChildren(...s.threads.map(t => P.el('tr', {'data-thread': t.name}, [
      P.el('td', {text: t.name}), P.el('td', {text: t.state}),
      P.el('td', {text: String(t.activeTasks)}), P.el('td', {text: String(t.standbyTasks)})])));

    const restoration = s.restoration;
    const progress = document.getElementById('restore-progress');
    progress.max = Math.max(1, restoration.total);
    progress.value = restoration.total === 0 ? progress.max : restoration.restored;
    document.getElementById('restoring').textContent = restoration.restoring ? 'restoring' : 'idle';
    // One line per store: its partitions summed, so a store with many partitions stays one line.
    const byStore = new Map();
    restoration.stores.forEach(st => {
      const sum = byStore.get(st.store) || {partitions: 0, restored: 0, total: 0, restoring: 0};
      sum.partitions += 1; sum.restored += st.restored; sum.total += st.total; sum.restoring += st.done ? 0 : 1;
      byStore.set(st.store, sum);
    });
    document.getElementById('restoration').replaceChildren(...[...byStore].map(([store, sum]) => P.el('tr', {'data-store': store}, [
      P.el('td', {text: store}), P.el('td', {text: sum.partitions + (sum.restoring ? ' (' + sum.restoring + ' restoring)' : '')}),
      P.el('td', {text: String(sum.restored)}), P.el('td', {text: String(sum.total)})])));

    document.body.dataset.snapshotAt = String(s.at);
    if (s.series.time.length >= 2) document.body.dataset.drawn = 'true';
  }

  async function pollOnce() {
    const status = document.getElementById('status');
    try {
      const snapshot = await getJson('/api/dashboard');
      drawSnapshot(snapshot);
      await Promise.all(servicePanels.map(panel => getJson(panel.spec.query).then(panel.draw).catch(error => {
        if (error instanceof AuthRequired) throw error;
        status.textContent = error.message;
      })));
      document.getElementById('login').classList.remove('needed');
      status.textContent = 'updated ' + new Date(snapshot.at).toLocaleTimeString();
      document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
    } catch (error) {
      if (error instanceof AuthRequired) {
        document.getElementById('login').classList.add('needed');
        document.getElementById('login-message').textContent = error.message;
      }
      status.textContent = error.message;
    }
  }

  async function loop() {
    await pollOnce();
    setTimeout(loop, POLL_MS);
  }

  let started = false;

  async function load() {
    try {
      const specs = await getJson('/api/dashboard/panels');
      const parent = document.getElementById('service-panels');
      parent.replaceChildren();
      servicePanels = specs.map((spec, i) => P.servicePanel(spec, i, parent));
      StreamsTopology.draw(document.getElementById('topology'), await getJson('/api/topology'));
    } catch (error) {
      if (error instanceof AuthRequired) {
        document.getElementById('login').classList.add('needed');
        document.getElementById('login-message').textContent = error.message;
        return;
      }
      document.getElementById('status').textContent = error.message;
    }
    if (!started) {
      started = true;
      loop();
    }
  }

  document.getElementById('login').addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('token');
    if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
    input.value = '';
    document.getElementById('login-message').textContent = '';
    load();
  });
  takeTokenFromFragment();
  load();
})();
