// One trial: parameters, per-epoch history, scores, worker and backend, and its model and model card when the
// controller serves them (a scored trial of a pipeline campaign).
import {allTrials, download, get} from '../api.js';
import {h, num, replace, when} from '../dom.js';
import * as charts from '../charts.js';

function pairs(obj) {
  return h('table', {class: 'pairs'}, h('tbody', {}, Object.entries(obj || {}).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, num(v))))));
}

export async function render(main, [campaignId, number]) {
  const path = `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;
  const body = h('div');
  const curve = h('div', {class: 'chart', id: 'trial-curve'});
  const model = h('div', {id: 'model'});
  main.append(body, h('section', {class: 'panel'}, h('h2', {}, 'Learning curve'), curve),
    h('section', {class: 'panel'}, h('h2', {}, 'Model'), model));
  const chart = new charts.Chart(curve);
  let modelFor = null;
  let drawnSignature = null;

  // Asked for on a click only: a trial scored without its artifact's hash, or an external campaign's, has no model,
  // and the API's 404 then answers a question the user asked.
  function showModel(t) {
    const key = `${t.id}:${t.state}`;
    if (modelFor === key) {
      return;
    }
    modelFor = key;
    if (t.state !== 'COMPLETE') {
      replace(model, h('p', {class: 'muted'}, 'A model is served once the trial is scored (COMPLETE).'));
      return;
    }
    const at = `${path}/trials/${encodeURIComponent(t.id)}`;
    const card = h('pre', {id: 'model-card', class: 'card', hidden: true});
    const status = h('p', {id: 'model-status', class: 'muted'},
      'The scored model and its card, when the controller serves them (operators download).');
    replace(model, status,
      h('div', {class: 'bar'},
        h('button', {id: 'show-card', class: 'quiet', onclick: async () => {
          try {
            const c = await get(`${at}/model-card`);
            card.textContent = JSON.stringify(c, null, 2);
            card.hidden = false;
            status.textContent = `${c.artifact.fileName}, ${num(c.artifact.sizeBytes)} bytes, SHA-256 `
              + `${c.artifact.sha256}${c.artifact.available ? '' : ' (the file has left the artifact store)'}`;
          } catch (e) {
            status.textContent = `No model card: ${e.message}`;
          }
        }}, 'Model card'),
        h('button', {id: 'download-model', onclick: async () => {
          try {
            await download(`${at}/model`, `trial-${t.number}.ptm.zip`);
          } catch (e) {
            status.textContent = `No download: ${e.message}`;
          }
        }}, 'Download model')),
      card);
  }

  async function refresh() {
    const [c, trials] = await Promise.all([get(path), allTrials(campaignId)]);
    const t = trials.find(x => String(x.number) === number);
    const signature = JSON.stringify([c, t]);
    if (signature === drawnSignature) {
      return;
    }
    drawnSignature = signature;
    if (!t) {
      replace(body, h('h1', {}, `No trial #${number} in ${c.name}`));
      return;
    }
    replace(body,
      h('p', {}, h('a', {href: `#/campaigns/${encodeURIComponent(campaignId)}`}, `← ${c.name}`)),
      h('div', {class: 'bar'}, h('h1', {}, `Trial #${t.number}`),
        h('span', {id: 'trial-state', class: `pill ${t.state.toLowerCase()}`}, t.state.toLowerCase())),
      t.failureReason ? h('p', {class: 'reason', id: 'failure-reason'}, t.failureReason) : null,
      h('div', {class: 'two'},
        h('section', {class: 'panel'}, h('h2', {}, 'Parameters'), pairs(t.params)),
        h('section', {class: 'panel'}, h('h2', {}, 'Scores'), t.metrics ? pairs(t.metrics) : h('p', {class: 'muted'}, 'not scored'))),
      h('section', {class: 'panel'}, h('h2', {}, 'Where it ran'), pairs({
        worker: t.workerId, attempt: t.attempt, segment: t.segment, backend: t.backend, hardware: t.hardware,
        'epochs trained': t.epochsTrained, 'train seconds': t.trainSeconds, created: when(t.createdAt),
        started: when(t.startedAt), finished: when(t.finishedAt)})),
      h('section', {class: 'panel'}, h('h2', {}, 'Epochs'), h('div', {class: 'scroll'}, h('table', {class: 'grid', id: 'epochs'},
        h('thead', {}, h('tr', {}, ['epoch', 'train loss', 'train acc', 'val loss', 'val acc', 's', 'samples/s', 'worker', 'segment']
          .map(x => h('th', {}, x)))),
        h('tbody', {}, (t.history || []).map(e => h('tr', {}, [e.epoch, e.trainLoss, e.trainAccuracy, e.valLoss,
          e.valAccuracy, e.epochSeconds, e.samplesPerSecond, e.workerId, e.segment].map(v => h('td', {}, num(v))))))))));
    const hasEpochs = (t.history || []).length > 0;
    chart.show(charts.curves([t], hasEpochs ? 'valAccuracy' : 'intermediate'));
    showModel(t);
  }

  await refresh();
  return {refresh, dispose: () => chart.dispose()};
}
