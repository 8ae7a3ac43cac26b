// The controller's public API, as any script calls it: JSON over fetch, with the token the user gave when the
// controller asks for one (401). Nothing here talks to another host.

const TOKEN_KEY = 'paretune.token';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  tagged.clear();
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function headers(extra) {
  const h = Object.assign({Accept: 'application/json'}, extra);
  const t = token();
  if (t) {
    h.Authorization = `Bearer ${t}`;
  }
  return h;
}

let onUnauthorized = () => {};

/** Called with the error when the API answers 401: the page then asks for a token. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = {error: text};
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, body);
    if (response.status === 401) {
      onUnauthorized(error);
    }
    throw error;
  }
  return body;
}

// The last answer per path with its ETag: polling asks If-None-Match, and a 304 means the same answer again.
const tagged = new Map();

export async function get(path) {
  const known = tagged.get(path);
  const response = await fetch(path, {headers: headers(known ? {'If-None-Match': known.etag} : {}), cache: 'no-store'});
  if (response.status === 304 && known) {
    return known.body;
  }
  const body = await answer(response);
  const etag = response.headers.get('ETag');
  if (etag) {
    tagged.set(path, {etag, body});
  } else {
    tagged.delete(path);
  }
  return body;
}

export async function post(path, body) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: headers({'Content-Type': 'application/json'}),
    body: body === undefined ? '{}' : (typeof body === 'string' ? body : JSON.stringify(body)),
  }));
}

/** Every trial of a campaign, page after page (the API pages at 1000). */
export async function allTrials(id) {
  const trials = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await get(`/api/v1/campaigns/${encodeURIComponent(id)}/trials?limit=1000&offset=${offset}`);
    trials.push(...page);
    if (page.length < 1000) {
      return trials;
    }
  }
}

/** Saves a file the API serves (a model) under the name it gives, sending the token like any other call. */
export async function download(path, fallbackName) {
  const response = await fetch(path, {headers: headers({Accept: 'application/zip, application/json'})});
  if (!response.ok) {
    await answer(response);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = match ? match[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
