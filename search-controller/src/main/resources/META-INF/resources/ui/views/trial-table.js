// The trial table of a campaign: every parameter and metric, state, epochs, worker, failure reason; sorted by any
// column (click its header again to reverse); each trial links to its detail.
import {h, num, replace} from '../dom.js';

export function trialTable(campaignId) {
  const thead = h('thead');
  const tbody = h('tbody');
  const el = h('div', {class: 'scroll'}, h('table', {class: 'grid sortable', id: 'trials'}, thead, tbody));
  let sort = {key: 'number', descending: false};
  let last = null;

  function columns(trials, objectives) {
    const params = [...new Set(trials.flatMap(t => Object.keys(t.params || {})))].sort();
    const metricSet = new Set(trials.flatMap(t => Object.keys(t.metrics || {})));
    const firsts = objectives.map(o => o.metric).filter(m => metricSet.has(m));
    const metrics = [...firsts, ...[...metricSet].filter(m => !firsts.includes(m)).sort()];
    return [
      {key: 'number', label: '#', value: t => t.number,
        cell: t => h('a', {href: `#/campaigns/${encodeURIComponent(campaignId)}/trials/${t.number}`}, `#${t.number}`)},
      {key: 'state', label: 'state', value: t => t.state,
        cell: t => h('span', {class: `pill ${t.state.toLowerCase()}`}, t.state.toLowerCase())},
      ...params.map(p => ({key: `p:${p}`, label: p, value: t => (t.params || {})[p], param: true})),
      ...metrics.map(m => ({key: `m:${m}`, label: m, value: t => (t.metrics || {})[m], metric: true})),
      {key: 'epochs', label: 'epochs', value: t => t.epochsTrained},
      {key: 'worker', label: 'worker', value: t => t.workerId},
      {key: 'reason', label: 'failure reason', value: t => t.failureReason, cell: t => t.failureReason
        ? h('span', {class: 'reason'}, t.failureReason) : ''},
    ];
  }

  /** Trials without the value (not scored, no reason) go last whichever way the column is sorted. */
  function compare(a, b, descending) {
    const missingA = a === undefined || a === null;
    const missingB = b === undefined || b === null;
    if (missingA || missingB) {
      return missingA === missingB ? 0 : (missingA ? 1 : -1);
    }
    const d = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
    return descending ? -d : d;
  }

  function draw() {
    const {trials, objectives} = last;
    const cols = columns(trials, objectives);
    const col = cols.find(c => c.key === sort.key) || cols[0];
    const rows = [...trials].sort((a, b) => {
      return compare(col.value(a), col.value(b), sort.descending) || a.number - b.number;
    });
    replace(thead, h('tr', {}, cols.map(c => h('th', {
      class: [c.param ? 'param' : '', c.metric ? 'metric' : '', c.key === col.key ? (sort.descending ? 'desc' : 'asc') : '']
        .join(' ').trim() || null,
      'data-key': c.key, 'aria-sort': c.key === col.key ? (sort.descending ? 'descending' : 'ascending') : null,
      onclick: () => {
        sort = {key: c.key, descending: sort.key === c.key ? !sort.descending : false};
        draw();
      }}, c.label))));
    replace(tbody, rows.map(t => h('tr', {'data-number': t.number, 'data-state': t.state},
      cols.map(c => h('td', {}, c.cell ? c.cell(t) : num(c.value(t)))))));
  }

  return {
    el,
    show(trials, objectives) {
      last = {trials, objectives};
      draw();
    },
  };
}
