// Small helpers: escaping for the HTML the views build, a confirmation dialog, a toast.
import { t } from './i18n.js';

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Asks before an action that cannot be undone with one click; resolves true when confirmed. */
export function confirmAction(text) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}

let toastTimer;
export function toast(text, error = false) {
  const el = $('#toast');
  el.textContent = text;
  el.classList.toggle('error', error);
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, error ? 8000 : 2500);
}

/** Runs an API action, showing its error (or "done") instead of throwing. */
export async function attempt(fn, quiet = false) {
  try {
    const result = await fn();
    if (!quiet) toast(t('done'));
    return result;
  } catch (e) {
    toast(e.message, true);
    return undefined;
  }
}

/** Parses a JSON object typed by the game master, or throws a translated message. */
export function parseObject(text) {
  let value;
  try { value = JSON.parse(text); } catch (e) { throw new Error(t('badJson', e.message)); }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(t('needObject'));
  return value;
}

export function ago(iso) {
  if (!iso) return null;
  return Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
}
