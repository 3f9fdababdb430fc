// Every string the console shows, in English and Russian (the game's community speaks Russian).
const en = {
  token: 'API token', operator: 'Operator name', signIn: 'Sign in', signOut: 'Sign out', badSignIn: 'Sign-in refused',
  overview: 'Overview', cards: 'Cards', states: 'States', scenes: 'Scenes', deadLetters: 'Dead letters',
  reason: 'reason', set: 'Set', devices: 'Devices', allTypes: 'all types', onlyProblems: 'only problems',
  pushAll: 'Push to all', journal: 'Journal', device: 'device', kind: 'kind', search: 'search', pause: 'pause',
  cancel: 'Cancel', confirm: 'Confirm', counter: 'counter', online: 'online', stale: 'stale', offline: 'offline',
  lastSeen: 'last seen {0} s ago', never: 'never seen', inSync: 'in sync', drifting: 'drifting',
  acked: 'CUP acked', nacked: 'CUP nacked', pending: 'CUP pending', override: 'override', virtual: 'virtual',
  closed: 'closed', open: 'open', blocked: 'blocked', powered: 'powered', unpowered: 'unpowered', hacked: 'hacked',
  push: 'Push', overrideOn: 'Override', overrideOff: 'Release', openLock: 'Open', closeLock: 'Close',
  block: 'Block', unblock: 'Unblock', powerOn: 'Power on', powerOff: 'Power off', details: 'Details',
  playCard: 'Card', playOpen: 'Open door', playHack: 'Hack', playHackFail: 'Hack fails', aux: 'Shield aux',
  pwr: 'Shield pwr', cardCode: 'card code', confirmState: 'Switch the dungeon to {0}?',
  confirmPushAll: 'Send every device its config now?', confirmDelete: 'Delete device {0}? Its journal stays.',
  confirmReplace: 'Replace {0} by {1}? The old uid is retired.', confirmRestore: 'Restore scene {0}? The current setup is replaced.',
  confirmDeleteScene: 'Delete scene {0}?', confirmDeleteItem: 'Delete {0}?', config: 'Config', reported: 'Reported state',
  hash: 'hash', recent: 'Recent journal', merge: 'merge', overwrite: 'overwrite', save: 'Save', del: 'Delete',
  replace: 'Replace by', newUid: 'new uid', close: 'Close', badJson: 'Not valid JSON: {0}', needObject: 'A JSON object is needed',
  done: 'Done', persons: 'Persons', name: 'name', description: 'description', role: 'role', add: 'Add',
  code: 'code', person: 'person', unknownCards: 'Unknown cards (registered in white)', assign: 'Assign',
  matrix: 'Permissions (cards × locks)', csvImport: 'CSV import (name;description;code)', preview: 'Preview',
  importNow: 'Import', exportCsv: 'Export CSV', alertStates: 'Alert states', simpleConfigs: 'Simple configs per state',
  history: 'Counter history', threshold: 'threshold', increase: 'increase', decrease: 'decrease', inGame: 'in game',
  autoChange: 'drift', autoLevel: 'drift level', autoTimeout: 'drift every s', type: 'type', state: 'state',
  saveScene: 'Save scene', restore: 'Restore', exportJson: 'Download', importScene: 'Upload scene', savedAt: 'saved',
  replay: 'Replay', topic: 'topic', payload: 'payload', error: 'error', time: 'time', nothing: 'nothing here',
  live: 'live', polling: 'polling', paused: 'paused', created: 'created', moved: 'moved', unchanged: 'unchanged',
  notInScene: 'not in the scene', health: 'health', current: 'current', source: 'source', value: 'value'
};

const ru = {
  token: 'API-токен', operator: 'Имя оператора', signIn: 'Войти', signOut: 'Выйти', badSignIn: 'Вход отклонён',
  overview: 'Обзор', cards: 'Карты', states: 'Уровни', scenes: 'Сцены', deadLetters: 'Недоставленные',
  reason: 'причина', set: 'Задать', devices: 'Устройства', allTypes: 'все типы', onlyProblems: 'только проблемы',
  pushAll: 'Отправить всем', journal: 'Журнал', device: 'устройство', kind: 'вид', search: 'поиск', pause: 'пауза',
  cancel: 'Отмена', confirm: 'Подтвердить', counter: 'счётчик', online: 'в сети', stale: 'молчит', offline: 'не в сети',
  lastSeen: 'был {0} с назад', never: 'не был в сети', inSync: 'конфиг совпадает', drifting: 'конфиг расходится',
  acked: 'CUP принят', nacked: 'CUP отклонён', pending: 'CUP ждёт', override: 'ручной', virtual: 'виртуальный',
  closed: 'закрыт', open: 'открыт', blocked: 'заблокирован', powered: 'включён', unpowered: 'выключен', hacked: 'взломан',
  push: 'Отправить', overrideOn: 'Ручной режим', overrideOff: 'Авто режим', openLock: 'Открыть', closeLock: 'Закрыть',
  block: 'Блокировать', unblock: 'Разблокировать', powerOn: 'Включить', powerOff: 'Выключить', details: 'Подробно',
  playCard: 'Карта', playOpen: 'Открыть дверь', playHack: 'Взлом', playHackFail: 'Неудачный взлом', aux: 'Щит aux',
  pwr: 'Щит pwr', cardCode: 'код карты', confirmState: 'Переключить подземелье в {0}?',
  confirmPushAll: 'Отправить всем устройствам их конфиг?', confirmDelete: 'Удалить устройство {0}? Журнал останется.',
  confirmReplace: 'Заменить {0} на {1}? Старый uid выводится.', confirmRestore: 'Восстановить сцену {0}? Текущая настройка будет заменена.',
  confirmDeleteScene: 'Удалить сцену {0}?', confirmDeleteItem: 'Удалить {0}?', config: 'Конфиг', reported: 'Сообщённое состояние',
  hash: 'хеш', recent: 'Последние записи', merge: 'слить', overwrite: 'заменить', save: 'Сохранить', del: 'Удалить',
  replace: 'Заменить на', newUid: 'новый uid', close: 'Закрыть', badJson: 'Неверный JSON: {0}', needObject: 'Нужен JSON-объект',
  done: 'Готово', persons: 'Люди', name: 'имя', description: 'описание', role: 'роль', add: 'Добавить',
  code: 'код', person: 'владелец', unknownCards: 'Неизвестные карты (зарегистрированы в белом)', assign: 'Назначить',
  matrix: 'Доступы (карты × замки)', csvImport: 'Импорт CSV (имя;описание;код)', preview: 'Предпросмотр',
  importNow: 'Импортировать', exportCsv: 'Экспорт CSV', alertStates: 'Уровни тревоги', simpleConfigs: 'Конфиги простых устройств по уровням',
  history: 'История счётчика', threshold: 'порог', increase: 'рост', decrease: 'спад', inGame: 'игровой',
  autoChange: 'дрейф', autoLevel: 'уровень дрейфа', autoTimeout: 'дрейф каждые с', type: 'тип', state: 'уровень',
  saveScene: 'Сохранить сцену', restore: 'Восстановить', exportJson: 'Скачать', importScene: 'Загрузить сцену', savedAt: 'сохранена',
  replay: 'Повторить', topic: 'топик', payload: 'данные', error: 'ошибка', time: 'время', nothing: 'пусто',
  live: 'в реальном времени', polling: 'опрос', paused: 'пауза', created: 'создано', moved: 'перенесено', unchanged: 'без изменений',
  notInScene: 'нет в сцене', health: 'здоровье', current: 'текущий', source: 'источник', value: 'значение'
};

export const dictionaries = { en, ru };
let lang = localStorage.getItem('skaben.lang') || 'en';

export function language() { return lang; }

export function setLanguage(value) {
  lang = dictionaries[value] ? value : 'en';
  localStorage.setItem('skaben.lang', lang);
  document.documentElement.lang = lang;
  translatePage();
}

/** The string for a key in the chosen language, {0}, {1}... replaced by the arguments. */
export function t(key, ...args) {
  const s = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** Translates the static page: data-i18n (text) and data-i18n-placeholder attributes. */
export function translatePage() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const sel of document.querySelectorAll('select.lang')) sel.value = lang;
}
