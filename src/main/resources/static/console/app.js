// The console's shell: the session, the API helper, the router over the page's address,
// and the live events. Each view lives in its own module.
import { clear } from './dom.js';
import { renderJobs, renderJob, renderExecution } from './jobs.js';
import { renderCompleteness } from './completeness.js';
import { renderCandles } from './candles.js';
import { renderHealth } from './health.js';

const state = { csrf: null, signedIn: false, onExecution: null, events: null };

export class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

/** Calls the API as the signed-in browser; an error's message is the API's own. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = text; }
  }
  if (response.status === 401) {
    showSignIn(false);
    throw new ApiError(401, 'sign in first');
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && data.error ? data.error : 'HTTP ' + response.status);
  }
  return data;
}

/** Goes to another view of the console without reloading the page. */
export function navigate(path) {
  history.pushState(null, '', path);
  route();
}

/** The current view's listener of execution events (replaced at every route). */
export function onExecution(listener) {
  state.onExecution = listener;
}

function showSignIn(failed) {
  state.signedIn = false;
  document.getElementById('nav').hidden = true;
  document.getElementById('signout').hidden = true;
  document.getElementById('live').hidden = true;
  clear(document.getElementById('view'));
  if (state.events) {
    state.events.close();
    state.events = null;
  }
  const here = location.pathname + location.search;
  const params = new URLSearchParams(location.search);
  const next = location.pathname === '/signin' ? params.get('next') || '/jobs' : here;
  document.getElementById('signin-next').value = next;
  document.getElementById('signin-error').hidden = !failed;
  document.getElementById('signin-view').hidden = false;
  document.getElementById('token').focus();
}

function listen() {
  if (state.events) return;
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => { document.getElementById('live').hidden = false; });
  events.addEventListener('error', () => { document.getElementById('live').hidden = true; });
  events.addEventListener('execution', (event) => {
    const progress = JSON.parse(event.data);
    if (state.onExecution) state.onExecution(progress);
  });
  state.events = events;
}

async function start() {
  try {
    const session = await api('GET', '/api/session');
    state.csrf = session.csrf;
  } catch (e) {
    if (e.status === 401) {
      showSignIn(new URLSearchParams(location.search).has('failed'));
      return;
    }
    throw e;
  }
  state.signedIn = true;
  document.getElementById('signin-view').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  listen();
  if (location.pathname === '/signin' || location.pathname === '/') {
    history.replaceState(null, '', new URLSearchParams(location.search).get('next') || '/jobs');
  }
  route();
}

async function route() {
  if (!state.signedIn) return;
  state.onExecution = null;
  const view = clear(document.getElementById('view'));
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', path.startsWith('/' + link.dataset.view));
  }
  let match;
  try {
    if (path === '/' || path === '/jobs') await renderJobs(view);
    else if ((match = path.match(/^\/jobs\/([^/]+)$/))) await renderJob(view, decodeURIComponent(match[1]), query);
    else if ((match = path.match(/^\/executions\/(\d+)$/))) await renderExecution(view, Number(match[1]));
    else if (path === '/completeness') await renderCompleteness(view, query);
    else if ((match = path.match(/^\/candles(?:\/([^/]+))?$/))) await renderCandles(view, match[1] ? decodeURIComponent(match[1]) : '', query);
    else if (path === '/health') await renderHealth(view);
    else navigate('/jobs');
  } catch (e) {
    if (e.status !== 401) {
      view.append(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
    }
  }
  document.title = (document.querySelector('#view h1')?.textContent || 'console') + ' — market-batch';
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/actuator')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', route);

document.getElementById('signout').addEventListener('click', async () => {
  try { await api('DELETE', '/api/session'); } catch (e) { /* signed out either way */ }
  state.csrf = null;
  history.pushState(null, '', '/signin');
  showSignIn(false);
});

start();
