// The overview a game master leaves open all game: the alert banner, the device grid and its one-click actions.
import { get, post, put, enc } from './api.js';
import { t } from './i18n.js';
import { $, $$, esc, confirmAction, attempt, toast, ago } from './dom.js';
import { cupStatus } from './journal.js';
import { openDevice } from './device.js';

const STALE_SECONDS = 25;          // online, but more than two PINGs (10 s apart) without an answer
const CONFIRM_STATES = new Set(['red', 'black']);
export let states = [];            // the alert states, by order
let counter = null;
let devices = [];                  // GET /api/devices
let virtuals = new Map();          // uid -> GET /api/demo/devices entry
const cards = new Map();           // uid -> { el, chips, actions } rendered
let refreshTimer;

export function start() {
  $('#state-buttons').addEventListener('click', onStateButton);
  $('#counter-plus').addEventListener('click', () => moveCounter(+1));
  $('#counter-minus').addEventListener('click', () => moveCounter(-1));
  $('#counter-set').addEventListener('click', setCounter);
  $('#type-filter').addEventListener('change', renderDevices);
  $('#only-problems').addEventListener('change', renderDevices);
  $('#push-all').addEventListener('click', pushAll);
  $('#devices').addEventListener('click', onDeviceClick);
  refreshAlert();
  refreshDevices();
  setInterval(refreshDevices, 3000);
  setInterval(refreshAlert, 10000);
  setInterval(tick, 1000);
}

/** Something happened (a journal entry): fetch again soon, once for a burst. */
export function soon(what) {
  // at most one fetch per 300 ms, however many entries arrive (a burst would postpone a debounce forever)
  if (what === 'alert') {
    if (!soon.alert) soon.alert = setTimeout(() => { soon.alert = 0; refreshAlert(); }, 300);
    return;
  }
  if (!refreshTimer) refreshTimer = setTimeout(() => { refreshTimer = 0; refreshDevices(); }, 300);
}

export async function refreshAlert() {
  try {
    [states, counter] = await Promise.all([get('/api/alert/states'), get('/api/alert/counter')]);
    states.sort((a, b) => a.order - b.order);
    renderAlert();
  } catch { /* the health checks show what is down */ }
}

export function renderAlert() {
  if (!counter) return;
  const banner = $('#alert-banner');
  banner.className = 'banner s-' + counter.state;
  banner.dataset.state = counter.state;
  $('#alert-state').textContent = counter.state;
  $('#alert-counter').textContent = `${t('counter')}: ${counter.value}` + (counter.reason ? ` · ${counter.reason} (${counter.source})` : '');
  const inGame = states.filter((s) => s.in_game);
  const max = Math.max(1, ...inGame.map((s) => s.threshold));
  const pct = (v) => Math.min(100, Math.max(0, (v / max) * 100));
  setHtml('#counter-bar', `<div class="fill" style="width:${pct(counter.value)}%"></div>`
    + inGame.map((s) => `<span class="mark s-${esc(s.name)}${pct(s.threshold) > 90 ? ' end' : ''}" style="left:${pct(s.threshold)}%" title="${esc(s.name)} ${s.threshold}">${s.threshold}</span>`).join(''));
  setHtml('#state-buttons', states.map((s) =>
    `<button type="button" class="state-btn s-${esc(s.name)}${s.name === counter.state ? ' current' : ''}" data-set-state="${esc(s.name)}">${esc(s.name)}</button>`).join(''));
  const current = states.find((s) => s.name === counter.state);
  if (current && current.counter_increase && document.activeElement !== $('#counter-amount')) $('#counter-amount').value = current.counter_increase;
}

/** Replaces an element's content only when it changed (a button being clicked stays the same element). */
const shownHtml = new Map();
function setHtml(selector, html) {
  if (shownHtml.get(selector) !== html) { $(selector).innerHTML = html; shownHtml.set(selector, html); }
}

async function onStateButton(event) {
  const name = event.target.closest('[data-set-state]')?.dataset.setState;
  if (!name) return;
  if (CONFIRM_STATES.has(name) && !(await confirmAction(t('confirmState', name)))) return;
  const reason = $('#counter-reason').value.trim() || 'console';
  await attempt(() => post(`/api/alert/states/${enc(name)}/current`, { reason }));
  refreshAlert();
}

async function moveCounter(sign) {
  const delta = sign * Math.abs(Number($('#counter-amount').value) || 0);
  const reason = $('#counter-reason').value.trim() || 'console';
  await attempt(() => post('/api/alert/counter', { delta, reason }));
  refreshAlert();
}

async function setCounter() {
  const value = Math.trunc(Number($('#counter-amount').value));
  const reason = $('#counter-reason').value.trim() || 'console';
  await attempt(() => post('/api/alert/counter', { value, reason }));
  refreshAlert();
}

async function pushAll() {
  if (!(await confirmAction(t('confirmPushAll')))) return;
  await attempt(() => post('/api/sync'));
}

export async function refreshDevices() {
  try {
    const [list, demo] = await Promise.all([get('/api/devices'), get('/api/demo/devices').catch(() => [])]);
    devices = list;
    virtuals = new Map((demo || []).map((d) => [d.uid, d]));
    renderDevices();
  } catch { /* shown by the health checks */ }
}

export function deviceList() { return devices; }

function health(d) {
  const seen = ago(d.last_seen);
  const liveness = !d.online ? 'offline' : seen !== null && seen > STALE_SECONDS ? 'stale' : 'online';
  const cup = cupStatus.get(d.uid);
  const v = virtuals.get(d.uid);
  // a virtual device tells the hash it holds; for the others a CUP sent for drift and not yet acknowledged
  const drifting = v ? (d.hash != null && v.hash != null && v.hash !== d.hash) : !!(cup && cup.drift && cup.status !== 'acked');
  const problem = liveness !== 'online' || drifting || (!!cup && cup.status === 'nacked');
  return { seen, liveness, cup, v, drifting, problem };
}

function chipsHtml(d, h) {
  const c = [];
  c.push(`<span class="chip live-${h.liveness}" data-liveness="${h.liveness}">${t(h.liveness)}</span>`);
  c.push(`<span class="chip ${h.drifting ? 'bad' : 'ok'}" data-sync="${h.drifting ? 'drifting' : 'in-sync'}">${t(h.drifting ? 'drifting' : 'inSync')}</span>`);
  if (h.cup) c.push(`<span class="chip cup-${h.cup.status}" data-cup="${h.cup.status}">${t(h.cup.status)}</span>`);
  if (d.override) c.push('<span class="chip warn" data-override="true">' + t('override') + '</span>');
  const cfg = d.config || {};
  if (d.type === 'lock') {
    c.push(`<span class="chip" data-closed="${cfg.closed !== false}">${t(cfg.closed === false ? 'open' : 'closed')}</span>`);
    if (cfg.blocked) c.push(`<span class="chip bad" data-blocked="true">${t('blocked')}</span>`);
  }
  if (d.type === 'terminal') {
    c.push(`<span class="chip" data-powered="${!!cfg.powered}">${t(cfg.powered ? 'powered' : 'unpowered')}</span>`);
    if (cfg.blocked) c.push(`<span class="chip bad" data-blocked="true">${t('blocked')}</span>`);
    if (cfg.hacked) c.push(`<span class="chip warn" data-hacked="true">${t('hacked')}</span>`);
  }
  if (d.type === 'pwr' && h.v && h.v.state && h.v.state.powerstate) c.push(`<span class="chip">${esc(h.v.state.powerstate)}</span>`);
  return c.join('');
}

function actionsHtml(d, h) {
  const b = (act, label, extra = '') => `<button type="button" data-act="${act}"${extra}>${t(label)}</button>`;
  const a = [b('push', 'push'), b('override', d.override ? 'overrideOff' : 'overrideOn'), b('details', 'details')];
  if (d.type === 'lock') a.push(b('open', 'openLock'), b('close', 'closeLock'), b('block', 'block'), b('unblock', 'unblock'));
  if (d.type === 'terminal') a.push(b('power-on', 'powerOn'), b('power-off', 'powerOff'), b('block', 'block'), b('unblock', 'unblock'));
  let play = '';
  if (h.v) {
    const p = [];
    if (d.type === 'lock') p.push(`<input class="card-code" data-card-for="${esc(d.uid)}" placeholder="${t('cardCode')}" size="7">`, b('play-card', 'playCard'), b('play-open', 'playOpen'));
    if (d.type === 'terminal') p.push(b('play-hack', 'playHack'), b('play-hack-fail', 'playHackFail'));
    if (d.type === 'pwr') p.push(b('play-aux', 'aux'), b('play-pwr', 'pwr'));
    if (p.length) play = `<div class="play">${p.join('')}</div>`;
  }
  return `<div class="buttons">${a.join('')}</div>${play}`;
}

function renderDevices() {
  const grid = $('#devices');
  const filter = $('#type-filter').value;
  const onlyProblems = $('#only-problems').checked;
  const types = [...new Set(devices.map((d) => d.type))].sort();
  const select = $('#type-filter');
  const known = $$('option', select).map((o) => o.value);
  for (const type of types) if (!known.includes(type)) select.insertAdjacentHTML('beforeend', `<option value="${esc(type)}">${esc(type)}</option>`);
  const present = new Set();
  for (const type of types) {
    let group = grid.querySelector(`.group[data-type="${CSS.escape(type)}"]`);
    if (!group) {
      group = document.createElement('section');
      group.className = 'group';
      group.dataset.type = type;
      group.innerHTML = `<h3>${esc(type)}</h3><div class="cards"></div>`;
      grid.appendChild(group);
    }
    group.hidden = !!filter && filter !== type;
    const holder = group.querySelector('.cards');
    let shown = 0;
    let added = false;
    const ofType = devices.filter((x) => x.type === type).sort((x, y) => x.uid.localeCompare(y.uid));
    for (const d of ofType) {
      present.add(d.uid);
      const h = health(d);
      let card = cards.get(d.uid);
      if (!card) {
        const el = document.createElement('article');
        el.className = 'device';
        el.dataset.uid = d.uid;
        el.innerHTML = `<header><b class="uid"></b> <span class="badge virtual" hidden>${t('virtual')}</span><span class="seen muted"></span></header><div class="chips"></div><div class="actions"></div>`;
        el.querySelector('.uid').textContent = d.uid;
        holder.appendChild(el);
        card = { el, chips: '', actions: '', device: d };
        cards.set(d.uid, card);
        added = true;
      }
      card.device = d;
      card.el.dataset.virtual = String(!!h.v);
      card.el.querySelector('.virtual').hidden = !h.v;
      card.el.classList.toggle('problem', h.problem);
      card.el.dataset.problem = String(h.problem);
      card.el.dataset.liveness = h.liveness;
      const chips = chipsHtml(d, h);
      if (chips !== card.chips) { card.el.querySelector('.chips').innerHTML = chips; card.chips = chips; }
      const actions = actionsHtml(d, h);
      if (actions !== card.actions) {
        const code = card.el.querySelector('.card-code')?.value;
        card.el.querySelector('.actions').innerHTML = actions;
        card.actions = actions;
        if (code) card.el.querySelector('.card-code').value = code;
      }
      const hide = onlyProblems && !h.problem;
      card.el.hidden = hide;
      if (!hide) shown++;
    }
    if (added) for (const d of ofType) holder.appendChild(cards.get(d.uid).el);   // keep the uids in order
    if (onlyProblems && shown === 0) group.hidden = true;
  }
  for (const [uid, card] of cards) if (!present.has(uid)) { card.el.remove(); cards.delete(uid); }
  for (const group of $$('.group', grid)) if (!types.includes(group.dataset.type)) group.remove();
  tick();
}

/** "last seen N s ago", every second, without rendering the cards again. */
function tick() {
  for (const card of cards.values()) {
    if (card.el.hidden) continue;
    const s = ago(card.device.last_seen);
    const text = s === null ? t('never') : t('lastSeen', s);
    const span = card.el.querySelector('.seen');
    if (span.textContent !== text) span.textContent = text;
  }
}

async function onDeviceClick(event) {
  const button = event.target.closest('button[data-act]');
  if (!button) return;
  const el = button.closest('.device');
  const uid = el.dataset.uid;
  const d = cards.get(uid).device;
  const path = `/api/devices/${enc(uid)}`;
  const config = (body) => attempt(() => put(`${path}/config`, body));
  const play = async (body) => {
    const answer = await attempt(() => post(`/api/demo/devices/${enc(uid)}/actions`, body), true);
    if (answer) toast(`${uid}: ${answer.outcome ?? t('done')}`);
  };
  switch (button.dataset.act) {
    case 'push': await attempt(() => post(`${path}/sync`)); break;
    case 'override': await attempt(() => put(`${path}/override`, { override: !d.override })); break;
    case 'details': openDevice(uid); return;
    case 'open': await config({ closed: false }); break;
    case 'close': await config({ closed: true }); break;
    case 'block': await config({ blocked: true }); break;
    case 'unblock': await config({ blocked: false }); break;
    case 'power-on': await config({ powered: true }); break;
    case 'power-off': await config({ powered: false }); break;
    case 'play-card': {
      const code = el.querySelector('.card-code').value.trim();
      if (code) await play({ action: 'card', code });
      break;
    }
    case 'play-open': await play({ action: 'open' }); break;
    case 'play-hack': await play({ action: 'hack', success: true }); break;
    case 'play-hack-fail': await play({ action: 'hack', success: false }); break;
    case 'play-aux': await play({ action: 'power', state: 'aux' }); break;
    case 'play-pwr': await play({ action: 'power', state: 'pwr' }); break;
    default: return;
  }
  soon('devices');
  soon('alert');
}
