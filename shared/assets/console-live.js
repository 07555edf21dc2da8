// The host console's dashboard: its live numbers (an ES module, no dependencies, loaded
// by the dashboard page only; runs under the pages' CSP).
//
// Pushed: the room's hosts' channel says "activity" when its numbers change (Server-
// Sent Events in local mode, AWS AppSync Events through appsync-live.js); the part is
// then read again at once, once more a few seconds later (the publisher sends at most
// one message per room every 2 s, so a burst's last change comes with that re-read),
// and every minute regardless. Where nothing is pushed, or the push fails, it is read
// every few seconds instead, backing off on errors.
const live = document.querySelector('[data-live]');
if (live) {
  let reading = null;
  let again = false;
  const read = async () => {
    if (reading) { again = true; return reading; }
    reading = (async () => {
      try {
        const r = await fetch(live.dataset.live, { credentials: 'same-origin' });
        if (!r.ok) return false;
        const html = await r.text();
        const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
        live.replaceChildren(...doc.body.firstChild.childNodes);
        live.dataset.updated = String(Date.now());
        return true;
      } catch (e) { return false; }
    })();
    const ok = await reading;
    reading = null;
    if (again) { again = false; return read(); }
    return ok;
  };
  let trailing = null;
  const changed = () => {
    live.dataset.pushed = String(Date.now());
    read();
    clearTimeout(trailing);
    trailing = setTimeout(read, 3000);
  };
  // Reading every few seconds while nothing is pushed.
  let pollTimer = null;
  const poll = () => {
    if (pollTimer) return;
    let delay = 3000;
    const tick = async () => {
      delay = (await read()) ? 3000 : Math.min(delay * 2, 60000);
      pollTimer = setTimeout(tick, delay);
    };
    pollTimer = setTimeout(tick, delay);
  };
  const stopPolling = () => { clearTimeout(pollTimer); pollTimer = null; };
  const subscribe = async () => {
    let sub;
    try {
      const r = await fetch(live.dataset.liveSub, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      sub = r.ok ? await r.json() : null;
    } catch (e) { sub = null; }
    const names = ['activity', 'status'];
    if (sub && sub.transport === 'sse' && window.EventSource) {
      const source = new EventSource(sub.url);
      names.forEach((name) => source.addEventListener(name, changed));
      source.addEventListener('deleted', () => { source.close(); read(); });
      source.addEventListener('open', () => { live.dataset.subscribed = 'sse'; stopPolling(); read(); });
      // EventSource reconnects by itself; it is read every few seconds meanwhile.
      source.onerror = () => { delete live.dataset.subscribed; poll(); };
    } else if (sub && sub.transport === 'appsync' && window.AppSyncLive) {
      window.AppSyncLive.subscribe(sub, (name) => { if (names.includes(name)) changed(); }, () => {
        // Lost: read every few seconds, and subscribe anew (a new token), jittered.
        delete live.dataset.subscribed;
        poll();
        setTimeout(subscribe, 5000 + Math.random() * 5000);
      });
      live.dataset.subscribed = 'appsync';
      stopPolling();
      read();
    } else {
      poll();
    }
  };
  subscribe();
  setInterval(read, 60000);
}
