// The host console's enhancements (an ES module, no build step, served by the service):
// copy buttons, the CSV import (check, preview, confirm, chunked send with resumable
// progress, rejected rows as CSV), bulk actions page by page, and the dashboard's
// live refresh. Every page works without it except the import.
//
// The script has no text of its own: the page hands it its messages in the page's
// language (a JSON data block, `<script type="application/json" id="console-text">`,
// see `console/texts.rs`). `{name}` marks
// where a value goes; a message with plural forms is an object of one text per CLDR
// plural category and `select`, the value whose number picks it (`Intl.PluralRules`).
// Numbers are written with `Intl.NumberFormat` of the page's language.
document.documentElement.classList.add('js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const LANG = document.documentElement.lang || 'en';
const TEXT = (() => {
  const block = document.getElementById('console-text');
  try { return JSON.parse(block ? block.textContent : '{}'); } catch (e) { return {}; }
})();
const NUMBERS = new Intl.NumberFormat(LANG);
const PLURALS = new Intl.PluralRules(LANG);

/** The message `name` with `values` in its `{placeholders}` (numbers formatted). */
export function t(name, values = {}, text = TEXT) {
  let message = text[name];
  if (message && typeof message === 'object') {
    const n = Number(values[message.select]);
    message = message[PLURALS.select(n)] ?? message.other;
  }
  if (typeof message !== 'string') return `\u27e6${name}\u27e7`;
  return message.replace(/\{(\w+)\}/g, (whole, key) => {
    if (!(key in values)) return whole;
    const v = values[key];
    return typeof v === 'number' ? NUMBERS.format(v) : String(v);
  });
}

/** The sentence of an error code (the console's words for it). */
const errorText = (code) => (TEXT.errors && (TEXT.errors[code] || TEXT.errors.other)) || '';

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    field.select();
    try { await navigator.clipboard.writeText(field.value); button.textContent = t('copied'); }
    catch (e) { button.textContent = t('copyByKeys', { keys: 'Ctrl+C' }); }
  });
}

// ---- CSV ----

/** RFC 4180 rows of `text` (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else { quoted = false; }
      } else { field += c; }
    } else if (c === '"' && field === '') { quoted = true; }
    else if (c === ',' || c === ';' || c === '\t') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else { field += c; }
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

const csvCell = (v) => {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // no formulas in a spreadsheet
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
};

const ROLES = ['viewer', 'speaker', 'moderator'];
const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;
const NAMES = { email: ['email', 'e-mail', 'address', 'email address'], role: ['role'],
  uses: ['uses', 'max_uses'], expiry: ['expiry', 'expires', 'expires_at'], locale: ['locale', 'language'] };

/** The rows checked: `{valid: [{row, entry}], rejected: [[row, email, role, code, message]], header}`
 * (the messages in the page's language; the codes stay codes). */
export function checkRows(rows, sendEmail, maxRows, locales = []) {
  let columns = { email: 0, role: 1, uses: 2, expiry: 3, locale: 4 };
  let header = false;
  if (rows.length) {
    const first = rows[0].map((c) => c.trim().toLowerCase());
    if (first.some((c) => NAMES.email.includes(c))) {
      header = true;
      columns = {};
      for (const [key, names] of Object.entries(NAMES)) {
        const i = first.findIndex((c) => names.includes(c));
        if (i >= 0) columns[key] = i;
      }
    }
  }
  const body = header ? rows.slice(1) : rows;
  const valid = [], rejected = [], seen = new Set();
  const cell = (r, key) => (columns[key] === undefined ? '' : (r[columns[key]] || '').trim());
  body.forEach((r, i) => {
    const row = i + (header ? 2 : 1);
    const email = cell(r, 'email'), role = cell(r, 'role').toLowerCase() || 'viewer';
    const uses = cell(r, 'uses'), expiry = cell(r, 'expiry'), locale = cell(r, 'locale');
    const bad = (code, message) => rejected.push([row, email, role, code, message]);
    if (valid.length >= maxRows) return bad('too_many_rows', t('tooManyRows', { max: maxRows }));
    if (!EMAIL.test(email)) return bad('invalid_email', t('invalidEmail'));
    if (!ROLES.includes(role)) {
      return bad('bad_request', t('badRole', { viewer: ROLES[0], speaker: ROLES[1], moderator: ROLES[2] }));
    }
    if (uses && !/^[1-9][0-9]{0,5}$/.test(uses)) return bad('bad_request', t('badUses', { column: 'uses' }));
    let expires;
    if (expiry) {
      expires = /^\d{4}-\d{2}-\d{2}$/.test(expiry) ? `${expiry}T23:59:59Z` : expiry;
      if (Number.isNaN(Date.parse(expires))) return bad('invalid_expiry', t('badExpiry', { column: 'expiry' }));
    }
    // The invite's language: one of the shipped locales, written as the API writes it.
    const language = locales.find((l) => l.toLowerCase() === locale.toLowerCase());
    if (locale && !language) {
      return bad('bad_request', t('badLocale', { column: 'locale', languages: locales.join(', ') }));
    }
    const key = email.toLowerCase();
    if (seen.has(key)) return bad('duplicate_in_file', t('duplicate'));
    seen.add(key);
    const entry = { email, role, send_email: sendEmail };
    if (uses) entry.max_uses = Number(uses);
    if (expires) entry.expires_at = expires;
    if (language) entry.locale = language;
    valid.push({ row, entry });
  });
  return { valid, rejected, header };
}

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function setupImport(box) {
  const room = box.dataset.import, csrf = box.dataset.csrf;
  const chunkSize = Number(box.dataset.chunk), maxRows = Number(box.dataset.maxRows);
  const locales = (box.dataset.locales || '').split(' ').filter(Boolean);
  const $ = (id) => document.getElementById(id);
  const preview = $('import-preview'), confirmBox = $('import-confirm'), summary = $('import-summary');
  const start = $('import-start'), progressBox = $('import-progress-box'), bar = $('import-progress');
  const statusLine = $('import-status'), rejectedLink = $('import-rejected');
  let plan = null;
  const storeKey = (hash) => `console-import:${room}:${hash}`;

  // An import that stopped (reload, closed tab): say how to resume.
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k || !k.startsWith(`console-import:${room}:`)) continue;
    try {
      const s = JSON.parse(localStorage.getItem(k));
      if (s && s.next < s.chunks) {
        const note = el('p', { class: 'hint', id: 'import-resume', role: 'status' },
          t('resumeNote', { done: s.done, total: s.total }));
        box.insertBefore(note, $('import-file').previousElementSibling);
        break;
      }
    } catch (e) { /* not ours */ }
  }

  $('import-check').addEventListener('click', async () => {
    const file = $('import-file').files[0];
    const text = file ? await file.text() : $('import-paste').value;
    const sendEmail = $('import-send').checked;
    const checked = checkRows(parseCsv(text), sendEmail, maxRows, locales);
    const hash = await sha256(`${sendEmail}\n${text}`);
    const saved = JSON.parse(localStorage.getItem(storeKey(hash)) || 'null');
    plan = { ...checked, hash, sendEmail, saved };
    preview.replaceChildren();
    const counts = { rows: checked.valid.length + checked.rejected.length,
      ready: checked.valid.length, bad: checked.rejected.length };
    preview.append(el('p', { id: 'import-counts' }, t(checked.header ? 'countsHeader' : 'counts', counts)));
    const table = el('table', {}, el('caption', {}, t('previewCaption')),
      el('thead', {}, el('tr', {}, ...['colRow', 'colEmail', 'colRole', 'colCheck'].map((h) => el('th', { scope: 'col' }, t(h))))));
    const tbody = el('tbody');
    const firstBad = checked.rejected.slice(0, 20).map((r) => ({ row: r[0], email: r[1], role: r[2],
      note: t('rowProblem', { code: r[3], message: r[4] }), bad: true }));
    const firstGood = checked.valid.slice(0, 10).map((v) => ({ row: v.row, email: v.entry.email, role: v.entry.role, note: t('rowOk'), bad: false }));
    for (const r of [...firstGood, ...firstBad].sort((a, b) => a.row - b.row)) {
      tbody.append(el('tr', r.bad ? { class: 'bad-row' } : {}, el('td', {}, NUMBERS.format(r.row)), el('td', {}, r.email), el('td', {}, r.role), el('td', {}, r.note)));
    }
    table.append(tbody);
    preview.append(el('div', { class: 'preview-table table-wrap', tabindex: '0', role: 'region', 'aria-label': t('previewLabel') }, table));
    preview.hidden = false;
    const resumeFrom = saved && saved.next < saved.chunks ? saved.done : 0;
    const left = checked.valid.length - resumeFrom;
    const emails = sendEmail ? left : 0;
    summary.textContent = [
      resumeFrom ? t('resumeBefore', { rows: resumeFrom }) : null,
      t('willCreate', { count: left }),
      sendEmail ? t('emailsGoOut', { count: emails }) : t('noEmails'),
    ].filter(Boolean).join(' ');
    start.textContent = resumeFrom ? t('resumeSendEmails', { count: emails }) : t('sendEmails', { count: emails });
    if (!sendEmail) start.textContent = t('createInvitations', { count: left });
    confirmBox.hidden = checked.valid.length === 0;
  });

  start.addEventListener('click', async () => {
    if (!plan) return;
    start.disabled = true;
    confirmBox.hidden = true;
    progressBox.hidden = false;
    await run(plan);
    start.disabled = false;
  });

  async function run(p) {
    const chunks = Math.ceil(p.valid.length / chunkSize);
    const key = storeKey(p.hash);
    const state = (p.saved && p.saved.chunks === chunks) ? p.saved
      : { next: 0, chunks, done: 0, errors: 0, total: p.valid.length, rejected: [] };
    const save = () => localStorage.setItem(key, JSON.stringify(state));
    save();
    const began = Date.now(), doneAtStart = state.done;
    const show = () => {
      bar.max = Math.max(1, state.total);
      bar.value = state.done;
      const rate = (state.done - doneAtStart) / Math.max(1, (Date.now() - began) / 1000);
      const left = rate > 0 ? Math.ceil((state.total - state.done) / rate) : null;
      const done = t('progress', { done: state.done, total: state.total, errors: state.errors + p.rejected.length });
      statusLine.textContent = left !== null && state.done < state.total
        ? `${done} ${t('timeLeft', { seconds: left })}` : done;
    };
    show();
    let wait = 1000;
    while (state.next < chunks) {
      const i = state.next;
      const rows = p.valid.slice(i * chunkSize, (i + 1) * chunkSize);
      let response;
      try {
        response = await fetch(`/console/rooms/${encodeURIComponent(room)}/import`, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json',
            'idempotency-key': `console-import-${p.hash.slice(0, 40)}-${i}`, 'x-csrf-token': csrf },
          body: JSON.stringify({ invites: rows.map((r) => r.entry) }),
        });
      } catch (e) { response = null; }
      if (!response || response.status === 409 || response.status === 503 || response.status === 429) {
        statusLine.textContent = response ? t('retry', { status: String(response.status) }) : t('retryOffline');
        await sleep(wait);
        wait = Math.min(wait * 2, 15000);
        continue;
      }
      wait = 1000;
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        const code = body.error || String(response.status);
        statusLine.textContent = `${t('importStopped', { code })} ${errorText(code)}`.trim();
        return;
      }
      (body.results || []).forEach((r, n) => {
        if (r.error) {
          state.errors++;
          const message = (TEXT.errors && TEXT.errors[r.error]) || r.message;
          state.rejected.push([rows[n].row, rows[n].entry.email, rows[n].entry.role, r.error, message]);
        }
      });
      state.done += rows.length;
      state.next = i + 1;
      save();
      show();
    }
    const rejected = [...p.rejected, ...state.rejected].sort((a, b) => a[0] - b[0]);
    statusLine.textContent = t('importFinished', { invited: state.done - state.errors, rejected: rejected.length });
    box.dataset.finished = 'true';
    if (rejected.length) {
      const csv = ['row,email,role,error,message', ...rejected.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
      rejectedLink.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      rejectedLink.textContent = t('rejectedDownload', { count: rejected.length });
      rejectedLink.hidden = false;
    }
  }
}

const importBox = document.querySelector('[data-import]');
if (importBox) setupImport(importBox);

// ---- Bulk actions on a filtered set, page by page ----
for (const form of document.querySelectorAll('form[data-bulk]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const bar = form.querySelector('.bulk-progress'), line = form.querySelector('.bulk-status');
    const button = form.querySelector('button');
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute('value');
    let cursor = null, processed = 0, failed = 0, wait = 1000;
    for (;;) {
      const data = new URLSearchParams(new FormData(form));
      if (cursor) data.set('cursor', cursor);
      let r;
      try {
        r = await fetch(form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin', headers: { accept: 'application/json' } });
      } catch (e) { r = null; }
      if (!r || r.status === 503) { await sleep(wait); wait = Math.min(wait * 2, 15000); continue; }
      const body = await r.json().catch(() => ({}));
      if (!r.ok) {
        const code = body.error || String(r.status);
        line.textContent = `${t('bulkStopped', { code })} ${errorText(code)}`.trim();
        break;
      }
      processed += body.processed; failed += body.failed;
      line.textContent = t('bulkProgress', { done: processed, failed });
      cursor = body.next_cursor;
      if (!cursor) { line.textContent = t('bulkFinished', { done: processed, failed }); form.dataset.finished = 'true'; break; }
    }
    bar.value = 1;
    button.disabled = false;
  });
}

// The dashboard's live numbers: console-live.js (loaded by the dashboard only).
