// The live journal: Server-Sent Events (the browser reconnects with Last-Event-ID by itself), a polling
// fallback, and rendering batched once per animation frame so a burst of events never freezes the page.
import { get } from './api.js';
import { t } from './i18n.js';
import { $, esc } from './dom.js';

const KEEP = 2000;                 // entries kept in memory for the filters
const SHOW = 300;                  // entries in the list
const rows = [];                   // newest first
let pending = [];                  // arrived, not yet rendered
let lastId = 0;
let frame = 0;
let source = null;
let pollTimer = 0;
const listeners = [];
/** uid -> { status: 'pending'|'acked'|'nacked', drift } from the CUP, ACK and NACK entries. */
export const cupStatus = new Map();

export function onEntry(fn) { listeners.push(fn); }

export async function start() {
  for (const id of ['#j-device', '#j-kind', '#j-search']) $(id).addEventListener('input', renderAll);
  $('#j-pause').addEventListener('change', () => { if (!$('#j-pause').checked) renderAll(); mode(); });
  try {
    const history = await get('/api/events?limit=200');
    history.reverse().forEach(take);
  } catch { /* the stream replays nothing then; the list starts empty */ }
  pending = [];
  renderAll();
  connect();
}

function connect() {
  if (typeof EventSource !== 'function') { poll(); return; }
  source = new EventSource(`/api/events/stream?lastEventId=${lastId}`);
  source.onmessage = (event) => {
    try { take(JSON.parse(event.data)); } catch { /* not an entry */ }
  };
  source.onopen = () => mode();
  source.onerror = () => {
    // CONNECTING: the browser retries with Last-Event-ID on its own; CLOSED: it gave up, so poll
    if (source.readyState === EventSource.CLOSED) { source = null; poll(); }
    mode();
  };
}

function poll() {
  clearTimeout(pollTimer);
  mode();
  get(`/api/events?after=${lastId}`).then((list) => list.forEach(take)).catch(() => {})
    .finally(() => { pollTimer = setTimeout(poll, 2000); });
}

function mode() {
  const text = $('#j-pause').checked ? t('paused') : source ? t('live') : t('polling');
  $('#j-mode').textContent = text;
  $('#j-mode').dataset.mode = $('#j-pause').checked ? 'paused' : source ? 'live' : 'polling';
}

function take(entry) {
  if (!entry || typeof entry.id !== 'number' || entry.id <= lastId) return;
  lastId = entry.id;
  rows.unshift(entry);
  if (rows.length > KEEP) rows.length = KEEP;
  noteCup(entry);
  pending.push(entry);
  for (const fn of listeners) fn(entry);
  if (!frame) frame = requestAnimationFrame(flush);
}

function noteCup(e) {
  if (!e.uid) return;
  if (e.kind === 'cup') cupStatus.set(e.uid, { status: 'pending', drift: /drift/i.test(e.detail || '') });
  else if (e.kind === 'ack' || e.kind === 'nack') {
    const was = cupStatus.get(e.uid) || {};
    cupStatus.set(e.uid, { status: e.kind === 'ack' ? 'acked' : 'nacked', drift: e.kind === 'nack' && was.drift });
  }
}

function matches(e) {
  const device = $('#j-device').value.trim().toLowerCase();
  const kind = $('#j-kind').value.trim().toLowerCase();
  const search = $('#j-search').value.trim().toLowerCase();
  if (device && !(e.uid || '').toLowerCase().includes(device)) return false;
  if (kind && !(e.kind || '').toLowerCase().includes(kind)) return false;
  if (search && !`${e.detail} ${e.source} ${e.topic} ${e.type}`.toLowerCase().includes(search)) return false;
  return true;
}

/** A 64-digit hash is shown by its first 12 digits (the whole detail is the row's tooltip). */
function shortHashes(text) {
  return String(text ?? '').replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');
}

export function rowHtml(e) {
  const time = (e.time || '').replace('T', ' ').replace(/(\.\d+)?Z$/, '').slice(11);
  return `<li data-id="${e.id}" data-kind="${esc(e.kind)}" data-uid="${esc(e.uid)}"><time>${esc(time)}</time>`
    + `<span class="kind k-${esc(e.kind)}">${esc(e.kind)}</span><span class="uid">${esc(e.uid || '')}</span>`
    + `<span class="detail" title="${esc(e.detail)}">${esc(shortHashes(e.detail))}</span><span class="src muted">${esc(e.source)}</span></li>`;
}

/** One DOM update per frame, whatever arrived since the last one. */
function flush() {
  frame = 0;
  if ($('#j-pause').checked) return;
  const batch = pending.filter(matches);
  pending = [];
  if (!batch.length) return;
  const list = $('#journal');
  list.querySelector('li.muted')?.remove();
  const html = batch.slice(-SHOW).reverse().map(rowHtml).join('');
  list.insertAdjacentHTML('afterbegin', html);
  while (list.children.length > SHOW) list.lastElementChild.remove();
}

function renderAll() {
  pending = [];
  if ($('#j-pause').checked) return;
  $('#journal').innerHTML = rows.filter(matches).slice(0, SHOW).map(rowHtml).join('') || `<li class="muted">${t('nothing')}</li>`;
}

export function stop() {
  if (source) source.close();
  clearTimeout(pollTimer);
}
