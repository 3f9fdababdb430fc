// One device in a dialog: its config as JSON (merge or overwrite), what it reports, its hash and recent
// journal; push, override, delete and replace (both confirmed).
import { get, post, put, del, enc } from './api.js';
import { t } from './i18n.js';
import { $, esc, confirmAction, attempt, parseObject, toast } from './dom.js';
import { rowHtml } from './journal.js';
import { soon } from './overview.js';

export async function openDevice(uid) {
  const dialog = $('#device-dialog');
  let d;
  try { d = await get(`/api/devices/${enc(uid)}`); } catch (e) { toast(e.message, true); return; }
  const events = await get(`/api/events?device=${enc(uid)}&limit=30`).catch(() => []);
  dialog.innerHTML = `
    <form method="dialog" class="device-form">
      <h2>${esc(d.type)} ${esc(d.uid)} ${d.override ? `<span class="chip warn">${t('override')}</span>` : ''}</h2>
      <label>${t('config')}<textarea id="dev-config" rows="10" spellcheck="false">${esc(JSON.stringify(d.config, null, 2))}</textarea></label>
      <p id="dev-error" class="error" role="alert"></p>
      <div class="buttons">
        <label><input type="radio" name="dev-mode" value="merge" checked> ${t('merge')}</label>
        <label><input type="radio" name="dev-mode" value="overwrite"> ${t('overwrite')}</label>
        <button type="button" id="dev-save">${t('save')}</button>
        <button type="button" id="dev-push">${t('push')}</button>
        <button type="button" id="dev-override">${t(d.override ? 'overrideOff' : 'overrideOn')}</button>
      </div>
      <h3>${t('reported')}</h3><pre>${esc(JSON.stringify(d.reported_state, null, 2))}</pre>
      <p class="muted">${t('hash')}: <code>${esc(d.hash || '—')}</code></p>
      <div class="buttons">
        <input id="dev-new-uid" placeholder="${t('newUid')}" size="14">
        <button type="button" id="dev-replace">${t('replace')}</button>
        <button type="button" id="dev-delete" class="danger">${t('del')}</button>
        <button value="close" id="dev-close">${t('close')}</button>
      </div>
      <h3>${t('recent')}</h3><ol class="journal">${events.map(rowHtml).join('')}</ol>
    </form>`;
  const path = `/api/devices/${enc(uid)}`;
  const done = () => { dialog.close(); soon('devices'); };
  $('#dev-save').addEventListener('click', async () => {
    let body;
    try { body = parseObject($('#dev-config').value); } catch (e) { $('#dev-error').textContent = e.message; return; }
    const overwrite = dialog.querySelector('input[name=dev-mode]:checked').value === 'overwrite';
    if (await attempt(() => put(`${path}/config${overwrite ? '?overwrite=true' : ''}`, body)) !== undefined) done();
  });
  $('#dev-config').addEventListener('input', () => {
    try { parseObject($('#dev-config').value); $('#dev-error').textContent = ''; } catch (e) { $('#dev-error').textContent = e.message; }
  });
  $('#dev-push').addEventListener('click', () => attempt(() => post(`${path}/sync`)));
  $('#dev-override').addEventListener('click', async () => {
    await attempt(() => put(`${path}/override`, { override: !d.override }));
    done();
  });
  $('#dev-delete').addEventListener('click', async () => {
    if (!(await confirmAction(t('confirmDelete', uid)))) return;
    if (await attempt(() => del(path)) !== undefined) done();
  });
  $('#dev-replace').addEventListener('click', async () => {
    const next = $('#dev-new-uid').value.trim();
    if (!next || !(await confirmAction(t('confirmReplace', uid, next)))) return;
    if (await attempt(() => post(`${path}/replace`, { uid: next })) !== undefined) done();
  });
  dialog.showModal();
}
