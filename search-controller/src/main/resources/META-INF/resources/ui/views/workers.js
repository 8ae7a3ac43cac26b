// The trainer-workers the controller heard from in the last 10 minutes: what each trains, its backend.
import {get} from '../api.js';
import {h, replace, when} from '../dom.js';

export async function render(main) {
  const body = h('tbody');
  main.append(h('h1', {}, 'Workers'),
    h('p', {class: 'muted'}, 'Heard from in the last 10 minutes (progress, heartbeats, results), latest first.'),
    h('div', {class: 'scroll'}, h('table', {class: 'grid', id: 'workers'},
      h('thead', {}, h('tr', {}, ['worker', 'last heard', 'training now', 'backend', 'trials seen'].map(t => h('th', {}, t)))),
      body)));

  async function refresh() {
    const workers = await get('/api/v1/workers');
    replace(body, workers.length ? workers.map(w => h('tr', {'data-worker': w.workerId},
      h('td', {}, w.workerId), h('td', {}, when(w.lastSeenAt)),
      h('td', {}, w.training.length ? w.training.map(t => h('div', {},
        h('a', {href: `#/campaigns/${encodeURIComponent(t.campaignId)}/trials/${t.number}`}, `trial #${t.number}`),
        ` epoch ${t.epochsTrained ?? 0}${t.lastEpoch ? ' of ' + t.lastEpoch : ''}`)) : h('span', {class: 'muted'}, 'idle')),
      h('td', {}, w.backend || '–'), h('td', {}, String(w.trialsSeen))))
      : h('tr', {}, h('td', {colspan: 5, class: 'muted'}, 'No worker heard from in the last 10 minutes.')));
  }

  await refresh();
  return {refresh};
}
