// The other pages: cards and permissions, states and configs, scenes, dead letters.
import { api, get, post, put, del, enc } from './api.js';
import { t } from './i18n.js';
import { $, $$, esc, confirmAction, attempt, parseObject, toast } from './dom.js';

const renderers = { cards, states, scenes, dead };

export function render(view) {
  const section = $(`#view-${view}`);
  renderers[view](section).catch((e) => toast(e.message, true));
}

function table(headers, rows) {
  return `<div class="scroll"><table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.join('') || `<tr><td colspan="${headers.length}" class="muted">${t('nothing')}</td></tr>`}</tbody></table></div>`;
}

/* ---------- cards and permissions ---------- */

async function cards(section) {
  const [persons, allCards, unknown, permissions, devices, alertStates] = await Promise.all([
    get('/api/persons'), get('/api/cards'), get('/api/cards?owner=unknown'), get('/api/permissions'),
    get('/api/devices'), get('/api/alert/states')]);
  const locks = devices.filter((d) => d.type === 'lock').map((d) => d.uid).sort();
  const byPair = new Map(permissions.map((p) => [`${p.card}|${p.lock}`, p]));
  const personOptions = persons.map((p) => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join('');
  section.innerHTML = `
    <h2>${t('persons')}</h2>
    ${table([t('name'), t('role'), t('description'), ''], persons.map((p) =>
      `<tr><td>${esc(p.name)}</td><td>${esc(p.role)}</td><td>${esc(p.description)}</td>`
      + `<td><button data-del-person="${p.id}" data-name="${esc(p.name)}">${t('del')}</button></td></tr>`))}
    <form id="person-form" class="inline"><input name="name" placeholder="${t('name')}" required>
      <input name="description" placeholder="${t('description')}"><select name="role"><option>player</option><option>master</option></select>
      <button>${t('add')}</button></form>
    <h2>${t('cards')}</h2>
    ${table([t('code'), t('person'), t('kind'), ''], allCards.filter((c) => c.person !== 'unknown').map((c) =>
      `<tr data-card="${esc(c.code)}"><td><code>${esc(c.code)}</code></td><td>${esc(c.person)}</td><td>${esc(c.kind)}</td>`
      + `<td><button data-del-card="${esc(c.code)}">${t('del')}</button></td></tr>`))}
    <form id="card-form" class="inline"><input name="code" placeholder="${t('code')}" required>
      <select name="person">${personOptions}</select><select name="kind"><option>card</option><option>code</option></select>
      <button>${t('add')}</button></form>
    <h2>${t('unknownCards')}</h2>
    ${table([t('code'), t('person'), ''], unknown.map((c) =>
      `<tr data-unknown="${esc(c.code)}"><td><code>${esc(c.code)}</code></td><td><select>${personOptions}</select></td>`
      + `<td><button data-assign="${esc(c.code)}">${t('assign')}</button></td></tr>`))}
    <h2>${t('matrix')}</h2>
    ${table([t('code'), ...locks], allCards.map((c) => `<tr><th>${esc(c.code)} <span class="muted">${esc(c.person)}</span></th>${locks.map((lock) => {
      const p = byPair.get(`${c.code}|${lock}`);
      const on = new Set(p ? p.states : []);
      return `<td class="perm" data-card="${esc(c.code)}" data-lock="${esc(lock)}" data-id="${p ? p.id : ''}">`
        + alertStates.map((s) => `<label class="tick s-${esc(s.name)}" title="${esc(s.name)}"><input type="checkbox" value="${esc(s.name)}"${on.has(s.name) ? ' checked' : ''}>${esc(s.name[0])}</label>`).join('')
        + '</td>';
    }).join('')}</tr>`))}
    <h2>${t('csvImport')}</h2>
    <p><a id="csv-export" href="/api/cards.csv" download="cards.csv">${t('exportCsv')}</a></p>
    <input type="file" id="csv-file" accept=".csv,text/csv">
    <textarea id="csv-text" rows="6" placeholder="name;description;code"></textarea>
    <div class="buttons"><button id="csv-preview">${t('preview')}</button><button id="csv-import" disabled>${t('importNow')}</button></div>
    <pre id="csv-result"></pre>`;
  const again = () => render('cards');
  $('#person-form', section).addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    if (await attempt(() => post('/api/persons', { name: f.get('name'), role: f.get('role'), description: f.get('description') })) !== undefined) again();
  });
  $('#card-form', section).addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    if (await attempt(() => post('/api/cards', { code: f.get('code'), person: f.get('person'), kind: f.get('kind') })) !== undefined) again();
  });
  section.onclick = async (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.delPerson && await confirmAction(t('confirmDeleteItem', b.dataset.name))) {
      if (await attempt(() => del(`/api/persons/${b.dataset.delPerson}`)) !== undefined) again();
    } else if (b.dataset.delCard && await confirmAction(t('confirmDeleteItem', b.dataset.delCard))) {
      if (await attempt(() => del(`/api/cards/${enc(b.dataset.delCard)}`)) !== undefined) again();
    } else if (b.dataset.assign) {
      const person = b.closest('tr').querySelector('select').value;
      if (await attempt(() => put(`/api/cards/${enc(b.dataset.assign)}`, { person })) !== undefined) again();
    }
  };
  section.onchange = async (e) => {
    const cell = e.target.closest('td.perm');
    if (!cell) return;
    const chosen = $$('input:checked', cell).map((i) => i.value);
    const { card, lock, id } = cell.dataset;
    if (id && chosen.length) await attempt(() => put(`/api/permissions/${id}`, { states: chosen }));
    else if (id) await attempt(() => del(`/api/permissions/${id}`));
    else if (chosen.length) await attempt(() => post('/api/permissions', { card, lock, states: chosen }));
    again();
  };
  $('#csv-file', section).addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) $('#csv-text', section).value = await file.text();
  });
  const csv = (preview) => api('POST', `/api/cards.csv?preview=${preview}`, $('#csv-text', section).value, 'text/csv');
  $('#csv-preview', section).addEventListener('click', async () => {
    try {
      const answer = await csv(true);
      $('#csv-result', section).textContent = JSON.stringify(answer, null, 2);
      $('#csv-result', section).className = '';
      $('#csv-import', section).disabled = false;
    } catch (err) {
      $('#csv-result', section).textContent = err.message;
      $('#csv-result', section).className = 'error';
      $('#csv-import', section).disabled = true;
    }
  });
  $('#csv-import', section).addEventListener('click', async () => {
    if (await attempt(() => csv(false)) !== undefined) again();
  });
}

/* ---------- states, simple configs, counter history ---------- */

async function states(section) {
  const [alertStates, simple, history] = await Promise.all([
    get('/api/alert/states'), get('/api/simple-configs'), get('/api/alert/counter/history?limit=500')]);
  alertStates.sort((a, b) => a.order - b.order);
  const num = (s, f) => `<input type="number" name="${f}" value="${esc(s[f])}" size="5">`;
  const simpleTypes = ['rgb', 'scl', 'pwr', 'box'];
  const configOf = (type, state) => simple.find((c) => c.type === type && c.state === state);
  section.innerHTML = `
    <h2>${t('alertStates')}</h2>
    ${table([t('name'), t('inGame'), t('threshold'), t('increase'), t('decrease'), t('autoChange'), t('autoLevel'), t('autoTimeout'), ''],
      alertStates.map((s) => `<tr data-state="${esc(s.name)}" class="${s.current ? 'current' : ''}"><td><span class="chip s-${esc(s.name)}">${esc(s.name)}</span></td>`
        + `<td><input type="checkbox" name="in_game"${s.in_game ? ' checked' : ''}></td><td>${num(s, 'threshold')}</td><td>${num(s, 'counter_increase')}</td>`
        + `<td>${num(s, 'counter_decrease')}</td><td><select name="auto_change">${['none', 'increase', 'decrease'].map((v) => `<option${v === s.auto_change ? ' selected' : ''}>${v}</option>`).join('')}</select></td>`
        + `<td>${num(s, 'auto_level')}</td><td>${num(s, 'auto_timeout')}</td><td><button data-save-state="${esc(s.name)}">${t('save')}</button></td></tr>`))}
    <h2>${t('history')}</h2>
    <div id="history-chart" class="chart">${chart(history, alertStates)}</div>
    <h2>${t('simpleConfigs')}</h2>
    <div class="simple-grid">${simpleTypes.map((type) => alertStates.map((s) => {
      const c = configOf(type, s.name);
      return `<div class="simple" data-type="${type}" data-state="${esc(s.name)}"><b>${type} · <span class="chip s-${esc(s.name)}">${esc(s.name)}</span></b>`
        + `<textarea rows="3" spellcheck="false">${c ? esc(JSON.stringify(c.config)) : ''}</textarea><span class="error"></span>`
        + `<div class="buttons"><button data-save-simple>${t('save')}</button>${c ? `<button data-del-simple>${t('del')}</button>` : ''}</div></div>`;
    }).join('')).join('')}</div>`;
  section.onclick = async (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.saveState) {
      const row = b.closest('tr');
      const v = (n) => Number(row.querySelector(`[name=${n}]`).value);
      const body = { in_game: row.querySelector('[name=in_game]').checked, threshold: v('threshold'), counter_increase: v('counter_increase'),
        counter_decrease: v('counter_decrease'), auto_change: row.querySelector('[name=auto_change]').value, auto_level: v('auto_level'), auto_timeout: v('auto_timeout') };
      await attempt(() => put(`/api/alert/states/${enc(b.dataset.saveState)}`, body));
    }
    const box = b.closest('.simple');
    if (box) {
      const path = `/api/simple-configs/${enc(box.dataset.type)}/${enc(box.dataset.state)}`;
      if (b.hasAttribute('data-save-simple')) {
        let body;
        try { body = parseObject(box.querySelector('textarea').value); } catch (err) { box.querySelector('.error').textContent = err.message; return; }
        box.querySelector('.error').textContent = '';
        await attempt(() => put(path, body));
      } else if (b.hasAttribute('data-del-simple') && await confirmAction(t('confirmDeleteItem', `${box.dataset.type}/${box.dataset.state}`))) {
        if (await attempt(() => del(path)) !== undefined) render('states');
      }
    }
  };
}

/** The counter over time (plain SVG): the in-game states' bands behind, each change a dot with its reason. */
function chart(history, alertStates) {
  const points = history.filter((h) => h.value >= 0).map((h) => ({ ...h, at: Date.parse(h.changed_at) })).sort((a, b) => a.at - b.at);
  if (points.length === 0) return `<p class="muted">${t('nothing')}</p>`;
  const W = 800, H = 200, inGame = alertStates.filter((s) => s.in_game).sort((a, b) => a.threshold - b.threshold);
  const max = Math.max(1, ...inGame.map((s) => s.threshold), ...points.map((p) => p.value));
  const t0 = points[0].at, t1 = Math.max(points[points.length - 1].at, t0 + 1);
  const x = (at) => 30 + ((at - t0) / (t1 - t0)) * (W - 40);
  const y = (v) => H - 20 - (v / max) * (H - 30);
  const bands = inGame.map((s, i) => {
    const top = i + 1 < inGame.length ? inGame[i + 1].threshold : max;
    return `<rect class="band s-${esc(s.name)}" x="30" width="${W - 40}" y="${y(top)}" height="${Math.max(1, y(s.threshold) - y(top))}"><title>${esc(s.name)}</title></rect>`;
  }).join('');
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const dots = points.map((p) => `<circle cx="${x(p.at).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3"><title>${esc(p.changed_at)} ${p.value} ${esc(p.state)}: ${esc(p.reason)} (${esc(p.source)})</title></circle>`).join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${t('history')}">${bands}<path d="${path}" class="line"/>${dots}`
    + `<text x="2" y="${y(max) + 4}">${max}</text><text x="2" y="${y(0)}">0</text></svg>`;
}

/* ---------- scenes ---------- */

async function scenes(section) {
  const list = await get('/api/scenes');
  section.innerHTML = `
    <h2>${t('scenes')}</h2>
    <form id="scene-form" class="inline"><input name="name" placeholder="${t('name')}" required pattern="[A-Za-z0-9_.-]+"><button>${t('saveScene')}</button></form>
    ${table([t('name'), t('savedAt'), t('state'), t('counter'), ''], list.map((s) =>
      `<tr data-scene="${esc(s.name)}"><td>${esc(s.name)}</td><td>${esc(s.saved_at)}</td><td>${esc(s.state)}</td><td>${esc(s.counter)}</td><td class="buttons">`
      + `<button data-restore="${esc(s.name)}">${t('restore')}</button>`
      + `<a href="/api/scenes/${enc(s.name)}/export" download="${esc(s.name)}.json">${t('exportJson')}</a>`
      + `<button data-del-scene="${esc(s.name)}" class="danger">${t('del')}</button></td></tr>`))}
    <label>${t('importScene')} <input type="file" id="scene-file" accept=".json,application/json"></label>
    <pre id="scene-result"></pre>`;
  $('#scene-form', section).addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await attempt(() => post('/api/scenes', { name: new FormData(e.target).get('name') })) !== undefined) render('scenes');
  });
  section.onclick = async (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.restore && await confirmAction(t('confirmRestore', b.dataset.restore))) {
      const answer = await attempt(() => post(`/api/scenes/${enc(b.dataset.restore)}/restore`));
      if (answer) $('#scene-result', section).textContent = JSON.stringify(answer, null, 2);
    } else if (b.dataset.delScene && await confirmAction(t('confirmDeleteScene', b.dataset.delScene))) {
      if (await attempt(() => del(`/api/scenes/${enc(b.dataset.delScene)}`)) !== undefined) render('scenes');
    }
  };
  $('#scene-file', section).addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    let doc;
    try { doc = parseObject(await file.text()); } catch (err) { toast(err.message, true); return; }
    if (await attempt(() => post('/api/scenes/import', doc)) !== undefined) render('scenes');
  });
}

/* ---------- dead letters ---------- */

async function dead(section) {
  const list = await get('/api/dead-letters?limit=200');
  section.innerHTML = `<h2>${t('deadLetters')}</h2>` + table([t('time'), t('topic'), t('payload'), t('error'), ''], list.map((d) =>
    `<tr><td>${esc(d.time ?? d.created_at ?? '')}</td><td><code>${esc(d.topic)}</code></td><td><code>${esc(d.payload)}</code></td>`
    + `<td>${esc(d.error)}</td><td><button data-replay="${esc(d.id)}">${t('replay')}</button></td></tr>`));
  section.onclick = async (e) => {
    const id = e.target.closest('[data-replay]')?.dataset.replay;
    if (id) await attempt(() => post(`/api/dead-letters/${enc(id)}/replay`));
  };
}
