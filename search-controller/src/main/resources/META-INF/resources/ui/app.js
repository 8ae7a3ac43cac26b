// The page's router: one view per address (#/, #/new, #/campaigns/ID, #/campaigns/ID/trials/N, #/workers), each
// asked to refresh every 2 seconds while the tab is visible (polling the API; there is no event stream).
import {setToken, token, whenUnauthorized} from './api.js';
import * as campaigns from './views/campaigns.js';
import * as submit from './views/submit.js';
import * as campaign from './views/campaign.js';
import * as trial from './views/trial.js';
import * as workers from './views/workers.js';

const POLL_MS = 2000;

const routes = [
  [/^#?\/?$/, campaigns, 'campaigns'],
  [/^#\/new$/, submit, 'new'],
  [/^#\/workers$/, workers, 'workers'],
  [/^#\/campaigns\/([^/]+)$/, campaign, 'campaigns'],
  [/^#\/campaigns\/([^/]+)\/trials\/(\d+)$/, trial, 'campaigns'],
];

let current = null;
let timer = null;
let generation = 0;

function showError(error) {
  const box = document.getElementById('error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  box.textContent = error.message || String(error);
}

async function refresh() {
  if (!current || !current.refresh || document.hidden) {
    return;
  }
  const mine = generation;
  try {
    await current.refresh();
    if (mine === generation) {
      showError(null);
    }
  } catch (e) {
    if (mine === generation && e.status !== 401) {
      showError(e);
    }
  }
}

async function route() {
  generation++;
  clearInterval(timer);
  if (current && current.dispose) {
    current.dispose();
  }
  current = null;
  showError(null);
  const hash = location.hash || '#/';
  const main = document.getElementById('view');
  main.replaceChildren();
  for (const [pattern, view, nav] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      for (const a of document.querySelectorAll('[data-nav]')) {
        a.classList.toggle('active', a.dataset.nav === nav);
      }
      const mine = generation;
      try {
        const shown = await view.render(main, match.slice(1).map(decodeURIComponent));
        if (mine !== generation) {
          shown && shown.dispose && shown.dispose();
          return;
        }
        current = shown;
        timer = setInterval(refresh, POLL_MS);
      } catch (e) {
        if (e.status !== 401) {
          showError(e);
        }
      }
      return;
    }
  }
  showError(new Error(`nothing at ${hash}`));
}

function askForToken() {
  const form = document.getElementById('token-form');
  form.hidden = false;
  document.getElementById('token-input').focus();
}

whenUnauthorized(askForToken);

document.getElementById('token-button').addEventListener('click', () => {
  const form = document.getElementById('token-form');
  form.hidden = !form.hidden;
});
document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setToken(document.getElementById('token-input').value.trim());
  document.getElementById('token-input').value = '';
  document.getElementById('token-form').hidden = true;
  route();
});
document.getElementById('token-forget').addEventListener('click', () => {
  setToken(null);
  route();
});
document.addEventListener('visibilitychange', refresh);
window.addEventListener('hashchange', route);
document.getElementById('token-button').classList.toggle('has-token', !!token());
route();
