// The game master's console: sign-in, the header (health, language), the views. Plain ES modules, no build.
import { get, post, del, whenUnauthorized } from './api.js';
import { t, setLanguage, language, translatePage } from './i18n.js';
import { $, $$, esc } from './dom.js';
import * as overview from './overview.js';
import * as journal from './journal.js';
import * as views from './views.js';

let started = false;

async function boot() {
  setLanguage(language());
  for (const sel of $$('select.lang')) sel.addEventListener('change', () => { setLanguage(sel.value); overview.renderAlert(); });
  $('#signin-form').addEventListener('submit', signIn);
  $('#signout').addEventListener('click', signOut);
  $('#nav').addEventListener('click', (e) => { const v = e.target.closest('[data-view]'); if (v) show(v.dataset.view); });
  whenUnauthorized(() => { if (started) location.reload(); });
  let session = null;
  try { session = await get('/api/session'); } catch { /* not signed in */ }
  if (session && session.operator) enter(session.operator); else $('#signin').hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  $('#signin-error').textContent = '';
  try {
    const answer = await post('/api/session', { token: $('#token').value, operator: $('#operator').value.trim() });
    $('#token').value = '';
    enter(answer.operator);
  } catch (e) {
    $('#signin-error').textContent = `${t('badSignIn')}: ${e.message}`;
  }
}

async function signOut() {
  try { await del('/api/session'); } finally { location.reload(); }
}

function enter(operator) {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  $('#who').textContent = operator;
  if (started) return;
  started = true;
  translatePage();
  overview.start();
  journal.start();
  journal.onEntry((e) => {
    if (/alert|counter|state/.test(e.kind)) overview.soon('alert');
    if (e.uid) overview.soon('devices');
  });
  health();
  setInterval(health, 5000);
  show(location.hash.slice(1) || 'overview');
}

function show(view) {
  if (!$(`#view-${view}`)) view = 'overview';
  for (const section of $$('main > .view')) section.hidden = section.id !== `view-${view}`;
  for (const b of $$('#nav [data-view]')) b.classList.toggle('active', b.dataset.view === view);
  if (location.hash.slice(1) !== view) history.replaceState(null, '', `#${view}`);
  if (view !== 'overview') views.render(view);
}

/** broker, database, game at a glance (GET /health/ready answers 503 with the checks when one is down). */
async function health() {
  let checks = {};
  try {
    const response = await fetch('/health/ready');
    checks = (await response.json()).checks || {};
  } catch { checks = { mqtt: 'DOWN', database: 'DOWN', game: 'DOWN' }; }
  const shown = [['mqtt', 'broker'], ['database', 'database'], ['game', 'game']];
  $('#health').innerHTML = shown.map(([key, label]) =>
    `<span class="chip ${checks[key] === 'UP' ? 'ok' : 'bad'}" data-check="${key}" title="${esc(checks[key] || '?')}">${label}</span>`).join('');
}

boot();
