// One campaign, live: its state and verdict, the trade-off between any two metrics, the optimization history,
// learning curves, parallel coordinates, parameter importance and the trial table.
import {allTrials, get, post} from '../api.js';
import {h, num, replace, when} from '../dom.js';
import * as charts from '../charts.js';
import {trialTable} from './trial-table.js';

const ACTIVE = ['PENDING', 'RUNNING'];

function metricNames(trials, objectives) {
  const names = new Set();
  trials.forEach(t => Object.keys(t.metrics || {}).forEach(k => names.add(k)));
  const first = objectives.map(o => o.metric).filter(m => names.has(m));
  return [...first, ...[...names].filter(n => !first.includes(n)).sort()];
}

function select(id, label) {
  return h('select', {id, 'aria-label': label});
}

function setOptions(sel, values, preferred) {
  const keep = sel.value || preferred;
  replace(sel, values.map(v => h('option', {value: v}, v)));
  sel.value = values.includes(keep) ? keep : (values.includes(preferred) ? preferred : values[0] || '');
}

function panel(title, ...children) {
  return h('section', {class: 'panel'}, h('h2', {}, title), ...children);
}

export async function render(main, [id]) {
  const path = `/api/v1/campaigns/${encodeURIComponent(id)}`;
  const head = h('div', {class: 'campaign-head'});
  const verdict = h('p', {id: 'verdict', class: 'verdict'});
  const xAxis = select('x-metric', 'Horizontal axis');
  const yAxis = select('y-metric', 'Vertical axis');
  const curveMetric = select('curve-metric', 'Learning curve metric');
  const frontNote = h('p', {class: 'muted small', id: 'front-note'});
  const importanceNote = h('p', {class: 'muted small', id: 'importance-note'});
  const els = {
    tradeOff: h('div', {class: 'chart tall', id: 'tradeoff'}),
    history: h('div', {class: 'chart', id: 'history'}),
    curves: h('div', {class: 'chart', id: 'curves'}),
    parallel: h('div', {class: 'chart', id: 'parallel'}),
    importance: h('div', {class: 'chart', id: 'importance'}),
  };
  const table = trialTable(id);
  main.append(head,
    panel('Trade-off', verdict, h('div', {class: 'bar'}, h('label', {}, 'x ', xAxis), h('label', {}, 'y ', yAxis)),
      els.tradeOff, frontNote),
    h('div', {class: 'two'},
      panel('Optimization history', els.history),
      panel('Learning curves', h('div', {class: 'bar'}, h('label', {}, 'metric ', curveMetric)), els.curves)),
    h('div', {class: 'two'},
      panel('Parallel coordinates', els.parallel),
      panel('Parameter importance', els.importance, importanceNote)),
    panel('Trials', table.el));
  const drawn = Object.fromEntries(Object.entries(els).map(([k, el]) => [k, new charts.Chart(el)]));

  let confirming = false;
  let importanceFor = -1;
  let state = null;
  let drawnSignature = null;

  function drawHead(c) {
    const counts = c.trialCounts || {};
    const cancel = !ACTIVE.includes(c.state) ? null : confirming
      ? h('span', {class: 'confirm'}, 'Cancel this campaign? ',
        h('button', {class: 'danger', 'data-action': 'confirm-cancel', onclick: async () => {
          confirming = false;
          await post(`${path}/cancel`);
          await refresh();
        }}, 'Yes, cancel'), h('button', {class: 'quiet', onclick: () => { confirming = false; drawHead(c); }}, 'Keep'))
      : h('button', {class: 'quiet', 'data-action': 'cancel', onclick: () => { confirming = true; drawHead(c); }},
        'Cancel…');
    replace(head,
      h('div', {class: 'bar'}, h('h1', {}, c.name || c.id),
        h('span', {id: 'campaign-state', class: `state ${c.state.toLowerCase()}`}, c.state.toLowerCase()), cancel),
      c.reason ? h('p', {class: 'muted'}, c.reason) : null,
      h('p', {class: 'facts'},
        Object.entries(counts).filter(([, n]) => n).map(([s, n]) => h('span', {class: `pill ${s.toLowerCase()}`}, `${n} ${s.toLowerCase()}`)),
        ` of ${c.spec.budget.maxTrials} trials · epochs used ${c.epochsUsed}, saved by pruning ${c.epochsSaved}`,
        ` · sampler ${c.sampler}, seed ${c.seed} · started ${when(c.createdAt)}`,
        c.finishedAt ? ` · ended ${when(c.finishedAt)}` : '',
        ' · objectives ', c.objectives.map(o => `${o.metric} (${o.direction.toLowerCase()})`).join(', ')));
  }

  function drawVerdict(c, pareto) {
    const v = c.verdict;
    verdict.dataset.trial = v && v.trialId ? v.trialId : '';
    verdict.dataset.number = v && v.number !== null && v.number !== undefined ? String(v.number) : '';
    replace(verdict, v ? [h('strong', {}, `Verdict (${v.rule}): `), v.sentence,
      v.trialId ? [' ', h('a', {href: `#/campaigns/${encodeURIComponent(id)}/trials/${v.number}`}, `trial #${v.number}`)] : null]
      : 'No verdict yet: no trial is COMPLETE.');
    const front = (pareto.front || []).map(p => p.number).sort((a, b) => a - b);
    frontNote.textContent = front.length
      ? `Pareto front (${pareto.feasibleOnly ? 'trials meeting the constraints' : 'all trials: none meets the constraints'}): `
        + `trials ${front.map(n => '#' + n).join(', ')}; hypervolume ${num(pareto.hypervolume.value)}`
        + (pareto.hypervolume.omitted ? ` (${pareto.hypervolume.omitted})` : '')
      : 'No Pareto front yet.';
  }

  function draw() {
    const {c, pareto, trials} = state;
    drawHead(c);
    drawVerdict(c, pareto);
    const metrics = metricNames(trials, c.objectives);
    setOptions(xAxis, metrics, c.objectives[0].metric);
    setOptions(yAxis, metrics, c.objectives[1] ? c.objectives[1].metric : metrics.find(m => m !== xAxis.value));
    const hasEpochs = trials.some(t => (t.history || []).length);
    setOptions(curveMetric, hasEpochs ? ['valAccuracy', 'valLoss', 'trainLoss'] : ['intermediate'],
      hasEpochs ? 'valAccuracy' : 'intermediate');
    if (xAxis.value && yAxis.value) {
      const option = charts.tradeOff({trials, pareto, x: xAxis.value, y: yAxis.value, objectives: c.objectives});
      drawn.tradeOff.show(option);
      Object.assign(els.tradeOff.dataset, {front: charts.drawnTrials(option, 'Pareto front'),
        chosen: charts.drawnTrials(option, 'verdict'), infeasible: charts.drawnTrials(option, 'infeasible')});
    }
    const primary = c.objectives[0];
    drawn.history.show(charts.history(trials, primary));
    const curves = charts.curves(trials, curveMetric.value);
    drawn.curves.show(curves);
    els.curves.dataset.pruned = charts.drawnTrials(curves, 'pruned here');
    drawn.parallel.show(charts.parallel(trials, primary));
    table.show(trials, c.objectives);
  }

  async function refresh() {
    const [c, pareto, trials] = await Promise.all([get(path), get(`${path}/pareto`), allTrials(id)]);
    const signature = JSON.stringify([c, pareto, trials]);
    if (signature !== drawnSignature) {
      // Redrawn only when the campaign changed: a hover, a selection or a click in progress survives the poll.
      drawnSignature = signature;
      state = {c, pareto, trials};
      draw();
    }
    const complete = (c.trialCounts || {}).COMPLETE || 0;
    if (complete !== importanceFor) {
      const result = await get(`${path}/importance`);
      importanceFor = complete;
      drawn.importance.show(charts.importance(result));
      importanceNote.textContent = result.omitted ? `No importance yet: ${result.omitted}.`
        : `${result.method}, on ${result.metric} over ${result.trials} trials.`;
    }
  }

  for (const sel of [xAxis, yAxis, curveMetric]) {
    sel.addEventListener('change', () => state && draw());
  }
  await refresh();
  return {refresh, dispose: () => Object.values(drawn).forEach(d => d.dispose())};
}
