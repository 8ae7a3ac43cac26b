// The campaign page's charts, drawn by ECharts from the controller's own jar (its webjar). Each builder turns API
// answers into an ECharts option; Chart redraws only when the option changed, and follows the browser's light or
// dark setting. Tooltips are drawn on the canvas (richText): no HTML from trial data, nothing for the CSP to refuse.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';

const darkQuery = matchMedia('(prefers-color-scheme: dark)');
const live = new Set();

export class Chart {
  constructor(el) {
    this.el = el;
    this.signature = null;
    this.option = null;
    this.chart = echarts.init(el, darkQuery.matches ? 'dark' : null);
    live.add(this);
  }

  show(option) {
    const signature = JSON.stringify(option);
    if (signature === this.signature) {
      return;
    }
    this.signature = signature;
    this.option = option;
    this.chart.setOption(option, true);
  }

  retheme() {
    this.chart.dispose();
    this.chart = echarts.init(this.el, darkQuery.matches ? 'dark' : null);
    if (this.option) {
      this.chart.setOption(this.option, true);
    }
  }

  dispose() {
    live.delete(this);
    this.chart.dispose();
  }
}

darkQuery.addEventListener('change', () => live.forEach(c => c.retheme()));
window.addEventListener('resize', () => live.forEach(c => c.chart.resize()));

/** Axes 8 % beyond the data, so that no point sits on the frame (and none is hidden under it). */
const padded = {scale: true, boundaryGap: ['8%', '8%']};

const BASE = {backgroundColor: 'transparent', animation: false, grid: {left: 64, right: 24, top: 40, bottom: 48}};

function fmt(v) {
  if (typeof v !== 'number') {
    return String(v);
  }
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function paramLines(params) {
  return Object.entries(params || {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}: ${fmt(v)}`);
}

/**
 * Any two metrics of the COMPLETE trials against each other: the Pareto front (the API's) drawn and joined when the
 * axes are the campaign's two objectives, infeasible trials marked, the verdict's trial highlighted.
 */
export function tradeOff({trials, pareto, x, y, objectives}) {
  const frontIds = new Set((pareto.front || []).map(p => p.trialId));
  const chosen = pareto.chosenTrialId;
  const groups = {trials: [], infeasible: [], front: [], verdict: []};
  const byNumber = {};
  for (const t of trials) {
    const m = t.metrics || {};
    if (t.state !== 'COMPLETE' || typeof m[x] !== 'number' || typeof m[y] !== 'number') {
      continue;
    }
    byNumber[t.number] = t;
    const point = [m[x], m[y], t.number];
    if (t.id === chosen) {
      groups.verdict.push(point);
    }
    if (frontIds.has(t.id)) {
      groups.front.push(point);
    } else if (t.feasible === false) {
      groups.infeasible.push(point);
    } else {
      groups.trials.push(point);
    }
  }
  const axesAreTheObjectives = objectives.length === 2 && objectives[0].metric === x && objectives[1].metric === y;
  const series = [
    {name: 'trials', type: 'scatter', symbolSize: 9, data: groups.trials},
    {name: 'infeasible', type: 'scatter', symbol: 'triangle', symbolSize: 10, itemStyle: {color: '#9e9e9e'},
      data: groups.infeasible},
    {name: 'Pareto front', type: 'scatter', symbolSize: 13, itemStyle: {color: '#e8590c'}, data: groups.front, z: 3},
    {name: 'verdict', type: 'scatter', symbol: 'diamond', symbolSize: 24, z: 4,
      itemStyle: {color: 'rgba(0,0,0,0)', borderColor: '#2f9e44', borderWidth: 3},
      label: {show: true, position: 'top', formatter: p => `verdict #${p.value[2]}`}, data: groups.verdict},
  ];
  if (axesAreTheObjectives && groups.front.length > 1) {
    series.push({name: 'front line', type: 'line', silent: true, showSymbol: false, lineStyle: {color: '#e8590c'},
      data: [...groups.front].sort((a, b) => a[0] - b[0]), z: 2, tooltip: {show: false}});
  }
  return {
    ...BASE,
    legend: {top: 0, data: ['trials', 'infeasible', 'Pareto front', 'verdict']},
    tooltip: {trigger: 'item', renderMode: 'richText', formatter: p => {
      const t = byNumber[p.value[2]];
      return [`trial #${p.value[2]}${t && t.feasible === false ? ' (infeasible)' : ''}`,
        `${x}: ${fmt(p.value[0])}`, `${y}: ${fmt(p.value[1])}`, ...paramLines(t && t.params)].join('\n');
    }},
    xAxis: {type: 'value', name: x, nameLocation: 'middle', nameGap: 28, ...padded},
    yAxis: {type: 'value', name: y, nameLocation: 'middle', nameGap: 48, ...padded},
    series,
  };
}

/**
 * The trial numbers a series of an option draws (points carry their trial's number third), sorted: what the page
 * shows, written on the chart's element for people using assistive technology and for the browser tests.
 */
export function drawnTrials(option, seriesName) {
  const series = option.series.find(s => s.name === seriesName);
  return series ? series.data.map(p => p[2]).sort((a, b) => a - b).join(',') : '';
}

/** Each COMPLETE trial's primary value by trial number, and the best so far. */
export function history(trials, objective) {
  const done = trials.filter(t => t.state === 'COMPLETE' && typeof t.primaryValue === 'number')
    .sort((a, b) => a.number - b.number);
  const best = bestSoFar(done.map(t => [t.number, t.primaryValue]), objective.direction);
  return {
    ...BASE,
    legend: {top: 0},
    tooltip: {trigger: 'item', renderMode: 'richText',
      formatter: p => `trial #${p.value[0]}\n${objective.metric}: ${fmt(p.value[1])}`},
    xAxis: {type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 28, minInterval: 1},
    yAxis: {type: 'value', name: objective.metric, nameLocation: 'middle', nameGap: 48, scale: true},
    series: [
      {name: objective.metric, type: 'scatter', symbolSize: 8, data: done.map(t => [t.number, t.primaryValue])},
      {name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: best},
    ],
  };
}

/** Whether an objective's direction (the API writes maximize or minimize) asks for large values. */
export function maximizes(direction) {
  return String(direction).toLowerCase() === 'maximize';
}

/** The running best of [x, value] points in order: the largest so far when maximizing, else the smallest. */
export function bestSoFar(points, direction) {
  const better = maximizes(direction) ? (a, b) => a > b : (a, b) => a < b;
  let best = null;
  return points.map(([x, v]) => {
    if (best === null || better(v, best)) {
      best = v;
    }
    return [x, best];
  });
}

/**
 * Per trial, a metric by epoch (valAccuracy or valLoss of the history) or the values it reported by step (ask/tell);
 * pruned trials dashed, with a marker where the pruner stopped them.
 */
export function curves(trials, metric) {
  const series = [];
  const stops = [];
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    const points = metric === 'intermediate'
      ? Object.entries(t.intermediate || {}).map(([step, v]) => [Number(step), v]).sort((a, b) => a[0] - b[0])
      : (t.history || []).filter(e => typeof e[metric] === 'number').map(e => [e.epoch, e[metric]]);
    if (!points.length) {
      continue;
    }
    const pruned = t.state === 'PRUNED';
    series.push({name: `#${t.number}`, type: 'line', showSymbol: points.length < 2, symbolSize: 5, data: points,
      lineStyle: {type: pruned ? 'dashed' : 'solid', width: 1.5}, emphasis: {focus: 'series'}});
    if (pruned) {
      stops.push([...points[points.length - 1], t.number]);
    }
  }
  const drawnCurves = series.length;
  series.push({name: 'pruned here', type: 'scatter', symbol: 'rect', symbolSize: 9, itemStyle: {color: '#c92a2a'},
    data: stops, z: 5});
  return {
    ...BASE,
    title: drawnCurves ? undefined : {text: 'No epochs reported yet', left: 'center', top: 'middle',
      textStyle: {fontSize: 13, fontWeight: 'normal'}},
    legend: {top: 0, data: stops.length ? ['pruned here'] : []},
    tooltip: {trigger: 'item', renderMode: 'richText', formatter: p => p.seriesName === 'pruned here'
      ? `trial #${p.value[2]} pruned after ${fmt(p.value[0])}`
      : `trial ${p.seriesName}\n${metric === 'intermediate' ? 'step' : 'epoch'} ${p.value[0]}: ${fmt(p.value[1])}`},
    xAxis: {type: 'value', name: metric === 'intermediate' ? 'step' : 'epoch', nameLocation: 'middle', nameGap: 28,
      minInterval: 1},
    yAxis: {type: 'value', name: metric === 'intermediate' ? 'reported value' : metric, nameLocation: 'middle',
      nameGap: 48, scale: true},
    series,
  };
}

/** One line per COMPLETE trial across every searched parameter and the primary objective, coloured by it. */
export function parallel(trials, objective) {
  const done = trials.filter(t => t.state === 'COMPLETE' && typeof t.primaryValue === 'number');
  const names = [...new Set(done.flatMap(t => Object.keys(t.params || {})))].sort();
  const axes = names.map((name, dim) => {
    const values = done.map(t => t.params[name]).filter(v => v !== undefined && v !== null);
    const numeric = values.every(v => typeof v === 'number');
    return numeric ? {dim, name, type: 'value', scale: true}
      : {dim, name, type: 'category', data: [...new Set(values.map(String))].sort()};
  });
  axes.push({dim: names.length, name: objective.metric, type: 'value', scale: true});
  const data = done.map(t => [...names.map((name, i) => {
    const v = t.params[name];
    return v === undefined || v === null ? '-' : (axes[i].type === 'category' ? String(v) : v);
  }), t.primaryValue]);
  const values = done.map(t => t.primaryValue);
  return {
    ...BASE,
    parallel: {left: 56, right: 72, top: 48, bottom: 32},
    parallelAxis: axes,
    visualMap: {type: 'continuous', dimension: names.length, right: 4, top: 'middle', itemWidth: 12, calculable: false,
      min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1,
      inRange: {color: maximizes(objective.direction) ? ['#c5d5f0', '#1c4fa1'] : ['#1c4fa1', '#c5d5f0']}},
    series: [{type: 'parallel', lineStyle: {width: 1.5, opacity: 0.7}, data}],
  };
}

/** The API's parameter importance as bars, the most important on top. */
export function importance(result) {
  const shares = [...(result.parameters || [])].reverse();
  return {
    ...BASE,
    grid: {left: 120, right: 32, top: 16, bottom: 40},
    tooltip: {trigger: 'item', renderMode: 'richText', formatter: p => `${p.name}: ${(p.value * 100).toFixed(1)} %`},
    xAxis: {type: 'value', max: 1, name: 'share of importance', nameLocation: 'middle', nameGap: 26},
    yAxis: {type: 'category', data: shares.map(s => s.parameter)},
    series: [{type: 'bar', data: shares.map(s => s.importance), itemStyle: {color: '#3a7bd5'}}],
  };
}
