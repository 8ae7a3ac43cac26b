// The campaign list: state, progress, budget in epochs, best value, times; a state filter; cancel, confirmed.
import {get, post} from '../api.js';
import {h, num, replace, when} from '../dom.js';

const STATES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const TRIAL_STATES = ['COMPLETE', 'RUNNING', 'WAITING', 'PRUNED', 'FAIL'];

export async function render(main) {
  let filter = sessionStorage.getItem('paretune.stateFilter') || '';
  let confirming = null;
  const select = h('select', {id: 'state-filter', 'aria-label': 'Show campaigns in state'},
    h('option', {value: ''}, 'all states'), STATES.map(s => h('option', {value: s}, s.toLowerCase())));
  select.value = filter;
  const body = h('tbody');
  const count = h('span', {class: 'muted'});
  main.append(
    h('section', {class: 'bar'}, h('h1', {}, 'Campaigns'), h('label', {}, 'State ', select), count,
      h('a', {class: 'button', href: '#/new'}, 'New campaign')),
    h('div', {class: 'scroll'}, h('table', {id: 'campaigns', class: 'grid'},
      h('thead', {}, h('tr', {}, ['Campaign', 'State', 'Trials', 'Epochs used / saved', 'Best', 'Started', 'Ended', '']
        .map(t => h('th', {}, t)))), body)));

  let campaigns = null;
  function draw() {
    const shown = campaigns.filter(c => !filter || c.state === filter);
    count.textContent = `${shown.length} of ${campaigns.length}`;
    replace(body, shown.map(c => row(c)));
    if (!shown.length) {
      body.append(h('tr', {}, h('td', {colspan: 8, class: 'muted'}, campaigns.length
        ? 'No campaign in this state.' : 'No campaign yet: submit one.')));
    }
  }

  function row(c) {
    const counts = c.trialCounts || {};
    const done = TRIAL_STATES.filter(s => counts[s]).map(s => h('span', {class: `pill ${s.toLowerCase()}`,
      title: s.toLowerCase()}, `${counts[s]} ${s.toLowerCase()}`));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const active = c.state === 'PENDING' || c.state === 'RUNNING';
    let action = null;
    if (active && confirming === c.id) {
      action = h('span', {class: 'confirm'}, 'Cancel it? ',
        h('button', {class: 'danger', 'data-action': 'confirm-cancel', onclick: async () => {
          confirming = null;
          await post(`/api/v1/campaigns/${encodeURIComponent(c.id)}/cancel`);
          await refresh();
        }}, 'Yes, cancel'),
        h('button', {class: 'quiet', onclick: () => { confirming = null; draw(); }}, 'Keep'));
    } else if (active) {
      action = h('button', {class: 'quiet', 'data-action': 'cancel', onclick: () => { confirming = c.id; draw(); }},
        'Cancel…');
    }
    const progress = h('progress', {max: c.maxTrials, value: total - (counts.WAITING || 0) - (counts.RUNNING || 0),
      title: `${total} of ${c.maxTrials} trials proposed`});
    return h('tr', {'data-campaign': c.id, 'data-state': c.state},
      h('td', {}, h('a', {href: `#/campaigns/${encodeURIComponent(c.id)}`}, c.name || c.id),
        h('div', {class: 'muted small'}, `${c.sampler} · ${c.primaryObjective.metric} (${c.primaryObjective.direction.toLowerCase()})`)),
      h('td', {}, h('span', {class: `state ${c.state.toLowerCase()}`}, c.state.toLowerCase()),
        c.reason ? h('div', {class: 'muted small'}, c.reason) : null),
      h('td', {}, progress, h('div', {class: 'pills'}, `${total}/${c.maxTrials} `, done)),
      h('td', {}, `${c.epochsUsed} / ${c.epochsSaved}`),
      h('td', {}, num(c.bestPrimaryValue)),
      h('td', {}, when(c.createdAt)),
      h('td', {}, when(c.finishedAt)),
      h('td', {}, action));
  }

  async function refresh() {
    const fresh = await get('/api/v1/campaigns?limit=1000');
    if (JSON.stringify(fresh) !== JSON.stringify(campaigns)) {
      // Redrawn only when a campaign changed, so that a click in progress is not lost to the poll.
      campaigns = fresh;
      draw();
    }
  }

  select.addEventListener('change', () => {
    filter = select.value;
    sessionStorage.setItem('paretune.stateFilter', filter);
    draw();
  });
  await refresh();
  return {refresh};
}
