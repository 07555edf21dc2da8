// The one script of the pages: local times, the countdown that opens the room at the
// start, the live room's media backend (from /entry: LiveKit's or Jitsi's web client in
// a frame, or a room application to navigate to), role changes in the room, and the
// "Invite someone" form (sent as JSON, its outcome shown in place). The start, role
// changes and deletion are pushed (/live: Server-Sent Events, or AWS AppSync Events
// through appsync-live.js); /status and /me are polled only while that fails.
(function () {
  'use strict';

  // The page's words, in its language: the server renders them into data-i18n
  // (`{name}` marks a value). English stands in only if that attribute is unreadable.
  var M = {};
  try { M = JSON.parse(document.body.dataset.i18n || '{}'); } catch (e) { M = {}; }
  function t(key, fallback, values) {
    var text = M[key] || fallback;
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  }
  var pageLang = document.documentElement.lang || undefined;

  document.querySelectorAll('time[data-local]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) return;
    el.title = el.textContent;
    // The page's language, the browser's own time zone.
    el.textContent = when.toLocaleString(pageLang, {
      weekday: 'long', year: 'numeric', month: 'long', day: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
    });
  });

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); });
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // A delay of `ms` plus up to half of it again, so that the pages of a big audience
  // that failed together do not retry together.
  function jittered(ms) { return ms + Math.floor(Math.random() * ms / 2); }

  // Reloads within a second: the pages of 100,000 people hear the start (or deletion) in
  // the same instant; a random delay spreads their room-page loads and /entry calls.
  function reloadSoon() {
    setTimeout(function () { window.location.reload(); }, Math.floor(Math.random() * 1000));
  }

  // A poll loop that runs only between start() and stop(): the fallback of the live
  // updates. `run(next)` polls once and calls next(ms) to poll again.
  function poller(run, first) {
    var on = false, timer = null;
    var step = function () {
      timer = null;
      if (!on) return;
      run(function (ms) { if (on && !timer) timer = setTimeout(step, jittered(ms)); });
    };
    return {
      start: function () {
        if (on) return;
        on = true;
        timer = setTimeout(step, jittered(first));
      },
      stop: function () {
        on = false;
        if (timer) { clearTimeout(timer); timer = null; }
      },
      once: function () { run(function () {}); }
    };
  }

  // Live updates of this page: `GET liveUrl` says how to subscribe; onEvent(name, data)
  // gets `status`, `role`, `deleted`, `admission` and (moderators) `waiting`. `fallback` (a poller) runs only while there is
  // no working subscription; after a failure the page subscribes again after a
  // jittered, growing delay (1 s, 2 s, … 60 s).
  function subscribeLive(liveUrl, onEvent, fallback) {
    var retry = 1000, handle = null;
    var working = function () { retry = 1000; fallback.stop(); };
    var failed = function () {
      if (handle) { handle.close(); handle = null; }
      fallback.start();
      var wait = retry + Math.floor(Math.random() * retry);
      retry = Math.min(retry * 2, 60000);
      setTimeout(connect, wait);
    };
    var deliver = function (name, data) { working(); onEvent(name, data); };
    var connect = function () {
      getJson(liveUrl).then(function (live) {
        if (live.transport === 'sse' && window.EventSource) {
          // Same origin: the session cookie goes along. The first events are the current
          // status and role, so nothing is missed between the page and the stream.
          var source = new EventSource(live.url);
          var done = false;
          handle = { close: function () { done = true; source.close(); } };
          ['status', 'role', 'deleted', 'admission', 'waiting'].forEach(function (name) {
            source.addEventListener(name, function (e) {
              var data;
              try { data = JSON.parse(e.data); } catch (err) { return; }
              if (name === 'deleted') { done = true; source.close(); }
              deliver(name, data);
            });
          });
          // EventSource would reconnect by itself, all pages at once: we do it, jittered,
          // through /live (which also tells a removed room or a lost session).
          source.onerror = function () { if (!done) failed(); };
        } else if (live.transport === 'appsync' && window.AppSyncLive) {
          var sub = window.AppSyncLive.subscribe(live, deliver, function () { failed(); });
          handle = { close: function () { if (sub && sub.close) sub.close(); } };
          working();
          // AppSync Events sends only changes: read the current state once.
          fallback.once();
        } else {
          fallback.start();
        }
      }, function (code) {
        if (code === 403 || code === 410) { window.location.reload(); return; }
        // 404 `not_found`: no live updates in this deployment; poll.
        if (code === 404) { fallback.start(); return; }
        failed();
      });
    };
    connect();
  }

  // The waiting room: the host's decision arrives pushed (or, without a stream, by
  // asking /me); the page then shows what was decided: the room, or the denial.
  var waitingNote = document.getElementById('waiting-note');
  if (waitingNote) {
    var decided = false;
    var follow = function () {
      if (decided) return;
      decided = true;
      waitingNote.textContent = t('deciding', 'The host has decided. One moment…');
      window.location.reload();
    };
    var mePoll = poller(function (next) {
      getJson(waitingNote.dataset.meUrl).then(function (me) {
        if (me.admission !== 'waiting') { follow(); } else { next(5000); }
      }, function () { next(10000); });
    }, 5000);
    subscribeLive(waitingNote.dataset.liveUrl, function (name, data) {
      if (name === 'admission' && data.admission !== 'waiting') follow();
      if (name === 'deleted') window.location.reload();
    }, mePoll);
  }

  // The moderators' waiting-room panel: the list is read again whenever the waiting
  // room changes (pushed on the moderators' channel; polled without one); a new knock is announced (live region), counted on the badge and, if
  // chosen (remembered in this browser), heard. Decisions are sent without leaving the
  // page; without the script the same forms post and come back here.
  var panel = document.getElementById('waiting-room');
  if (panel) {
    var listEl = document.getElementById('waiting-list');
    var badge = document.getElementById('waiting-count');
    var statusEl = document.getElementById('waiting-status');
    var emptyEl = document.getElementById('waiting-empty');
    var allForm = document.getElementById('admit-all');
    var sound = document.getElementById('waiting-sound');
    var known = {};
    listEl.querySelectorAll('li[data-identity]').forEach(function (li) { known[li.dataset.identity] = true; });
    try { sound.checked = window.localStorage.getItem('waitingSound') === 'on'; } catch (e) {}
    sound.addEventListener('change', function () {
      try { window.localStorage.setItem('waitingSound', sound.checked ? 'on' : 'off'); } catch (e) {}
    });
    var chime = function () {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!sound.checked || !Ctx) return;
      try {
        var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.frequency.value = 880; gain.gain.value = 0.1;
        osc.connect(gain); gain.connect(ctx.destination);
        osc.start(); osc.stop(ctx.currentTime + 0.2);
      } catch (e) {}
    };
    var base = '/rooms/' + panel.dataset.roomId + '/waiting/';
    var button = function (text, cls, label) {
      var b = document.createElement('button');
      b.type = 'submit'; b.textContent = text; b.setAttribute('aria-label', label);
      if (cls) b.className = cls;
      return b;
    };
    var row = function (w) {
      var li = document.createElement('li');
      li.dataset.identity = w.identity;
      var who = document.createElement('span');
      who.className = 'who';
      var name = document.createElement('strong');
      name.textContent = w.name;
      who.appendChild(name);
      who.appendChild(document.createTextNode(' · ' + w.domain + ' · ' + t('roleName_' + w.role, w.role)));
      var admit = document.createElement('form');
      admit.method = 'post'; admit.className = 'inline'; admit.action = base + w.identity + '/admit';
      admit.appendChild(button(t('admit', 'Admit'), '', t('admitWho', 'Admit {name}', { name: w.name })));
      var deny = document.createElement('form');
      deny.method = 'post'; deny.className = 'inline'; deny.action = base + w.identity + '/deny';
      var reason = document.createElement('input');
      reason.type = 'text'; reason.name = 'reason'; reason.maxLength = 200;
      reason.placeholder = t('reason', 'Reason (optional)');
      reason.setAttribute('aria-label', t('reasonWho', 'Reason for turning {name} away (optional)', { name: w.name }));
      deny.appendChild(reason);
      deny.appendChild(button(t('deny', 'Deny'), 'secondary', t('denyWho', 'Deny {name}', { name: w.name })));
      li.appendChild(who); li.appendChild(admit); li.appendChild(deny);
      return li;
    };
    var show = function (waiting) {
      var fresh = waiting.filter(function (w) { return !known[w.identity]; });
      var present = {};
      waiting.forEach(function (w) { present[w.identity] = true; });
      listEl.querySelectorAll('li[data-identity]').forEach(function (li) {
        if (!present[li.dataset.identity]) li.remove();
      });
      fresh.forEach(function (w) { listEl.appendChild(row(w)); });
      known = present;
      badge.textContent = String(waiting.length);
      badge.dataset.count = String(waiting.length);
      emptyEl.hidden = waiting.length > 0;
      allForm.hidden = waiting.length === 0;
      if (fresh.length) {
        statusEl.textContent = fresh.length === 1
          ? fresh[0].name + ' is waiting to be let in.'
          : fresh.length + ' people are waiting to be let in.';
        chime();
      }
    };
    var refresh = poller(function (next) {
      getJson(panel.dataset.waitingUrl).then(function (body) {
        show(body.waiting || []); next(3000);
      }, function (code) { next(code === 503 ? 15000 : 6000); });
    }, 3000);
    // Pushed: each change of the waiting room (a knock, a decision) makes the panel read
    // the list again; the list is polled only while there is no working subscription.
    subscribeLive(panel.dataset.liveUrl, function (name) {
      if (name === 'waiting') refresh.once();
    }, refresh);
    panel.addEventListener('submit', function (event) {
      var form = event.target;
      if (!window.fetch) return;
      event.preventDefault();
      var reason = form.querySelector('input[name=reason]');
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(reason && reason.value ? { reason: reason.value } : {})
      }).then(function () { refresh.once(); }, function () { refresh.once(); });
    });
  }

  var countdown = document.getElementById('countdown');
  if (countdown) {
    var startsAt = Date.parse(countdown.dataset.startsAt);
    var offset = Date.parse(countdown.dataset.serverTime) - Date.now();
    var entering = false;
    var late = false;
    // When the start is this late and not heard of, the page asks /status itself.
    var lateBy = 10000 + Math.floor(Math.random() * 20000);
    var statusPoll;
    var enter = function () {
      if (entering) return;
      entering = true;
      statusPoll.stop();
      var note = document.getElementById('live-note');
      if (note) note.textContent = t('starting', 'The session is starting. Opening the room…');
      reloadSoon();
    };
    var tick = function () {
      var now = Date.now() + offset;
      var secs = Math.max(0, Math.floor((startsAt - now) / 1000));
      var d = Math.floor(secs / 86400), h = Math.floor(secs / 3600) % 24, m = Math.floor(secs / 60) % 60, s = secs % 60;
      var hms = pad(h) + ':' + pad(m) + ':' + pad(s);
      countdown.textContent = secs <= 0 ? t('startingNow', 'Starting now…')
        : d === 0 ? t('countdown', 'Starts in {hms}', { hms: hms })
          : d === 1 ? t('countdownDay', 'Starts in 1 day {hms}', { hms: hms })
            : t('countdownDays', 'Starts in {days} days {hms}', { days: String(d), hms: hms });
      if (!entering && !late && now > startsAt + lateBy) { late = true; statusPoll.start(); }
    };
    var delay = 1000;
    statusPoll = poller(function (next) {
      getJson(countdown.dataset.statusUrl).then(function (status) {
        offset = Date.parse(status.server_time) - Date.now();
        startsAt = Date.parse(status.starts_at);
        if (status.status === 'live') { enter(); return; }
        var left = startsAt - (Date.now() + offset);
        delay = left < 20000 ? 1000 : Math.min(delay * 2, 15000);
        next(delay);
      }, function (code) {
        if (code === 410 || code === 404) { window.location.reload(); return; }
        delay = Math.min(delay * 2, 30000);
        next(delay);
      });
    }, delay);
    tick();
    setInterval(tick, 1000);
    subscribeLive(countdown.dataset.liveUrl, function (name, data) {
      if (name === 'status') {
        startsAt = Date.parse(data.starts_at);
        late = false;
        tick();
        if (data.status === 'live') enter();
      } else if (name === 'deleted') {
        reloadSoon();
      }
    }, statusPoll);
  }

  // The media room: the page never holds a credential; it asks /entry when it joins.
  var stage = document.getElementById('stage');
  var rejoin = null;
  if (stage) {
    var stageNote = document.getElementById('stage-note');
    var frame = null;
    var enter = function () {
      getJson(stage.dataset.entryUrl).then(function (entry) {
        if (entry.backend === 'redirect') {
          var link = document.getElementById('stage-link');
          if (link) { link.href = entry.url; link.hidden = false; }
          stageNote.textContent = t('openingStage', 'Opening the live room…');
          window.location.assign(entry.url);
          return;
        }
        var src = entry.backend === 'livekit'
          ? stage.dataset.clientPage + '?liveKitUrl=' + encodeURIComponent(entry.url) +
            '&token=' + encodeURIComponent(entry.token)
          : entry.url;
        if (!frame) {
          frame = document.createElement('iframe');
          frame.className = 'stage-frame';
          frame.title = t('stageTitle', 'Live room');
          frame.allow = 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write';
          frame.referrerPolicy = 'no-referrer';
          stage.appendChild(frame);
        }
        frame.src = src;
        stageNote.textContent = '';
      }, function (code) {
        if (code === 403 || code === 410) { window.location.reload(); return; }
        stageNote.textContent = t('stageRetry', 'The live room could not be reached. Trying again…');
        setTimeout(enter, 5000 + Math.floor(Math.random() * 2000));
      });
    };
    enter();
    // Jitsi takes a new moderator flag only with a new token: rejoin on a role change.
    // LiveKit gets the new powers from the service (UpdateParticipant) without a rejoin.
    if (stage.dataset.backend === 'jitsi') rejoin = enter;
  }

  var features = document.getElementById('features');
  if (features) {
    var roleEl = document.getElementById('role');
    var note = document.getElementById('role-note');
    var templates = document.getElementById('feature-templates');
    var article = {
      viewer: t('role_viewer', 'a viewer'),
      speaker: t('role_speaker', 'a speaker'),
      moderator: t('role_moderator', 'a moderator')
    };
    var order = Array.prototype.map.call(
      templates.content.querySelectorAll('[data-feature-template]'),
      function (el) { return el.dataset.featureTemplate; });
    var apply = function (me) {
      var added = [];
      features.querySelectorAll('[data-feature]').forEach(function (el) {
        if (me.permissions.indexOf(el.dataset.feature) < 0) el.remove();
      });
      me.permissions.forEach(function (name) {
        if (features.querySelector('[data-feature="' + name + '"]')) return;
        var proto = templates.content.querySelector('[data-feature-template="' + name + '"]');
        if (!proto) return;
        var section = proto.cloneNode(true);
        section.removeAttribute('data-feature-template');
        section.setAttribute('data-feature', name);
        // Keep the sections in the server's order: before the next one present.
        var next = null;
        for (var i = order.indexOf(name) + 1; i > 0 && i < order.length && !next; i++) {
          next = features.querySelector('[data-feature="' + order[i] + '"]');
        }
        features.insertBefore(section, next);
        var heading = section.querySelector('h2');
        if (heading) added.push(heading.textContent);
      });
      // One polite announcement of what changed; focus stays where the person is.
      if (roleEl.dataset.role !== me.role) {
        roleEl.dataset.role = me.role;
        roleEl.textContent = article[me.role] || me.role;
        note.textContent = t('roleNow', 'Your role is now {role}.', { role: article[me.role] || me.role }) +
          (added.length ? ' New: ' + added.join(', ') + '.' : '');
        if (rejoin) rejoin();
        document.dispatchEvent(new CustomEvent('rolechange', { detail: me }));
      }
    };
    var mePoll = poller(function (next) {
      getJson(features.dataset.meUrl).then(function (me) {
        apply(me);
        next(4000);
      }, function (code) {
        if (code === 403 || code === 410) { window.location.reload(); return; }
        next(8000);
      });
    }, 4000);
    subscribeLive(features.dataset.liveUrl, function (name, data) {
      if (name === 'role') apply(data);
      else if (name === 'deleted' || (name === 'status' && data.status !== 'live')) reloadSoon();
    }, mePoll);
  }

  // "Invite someone": the form posts as JSON here (without script, as a plain form).
  var rank = { viewer: 1, speaker: 2, moderator: 3 };
  var fieldErrors = { invalid_email: true, domain_blocked: true };
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.id !== 'invite-form' || !window.fetch) return;
    event.preventDefault();
    var email = form.elements.email;
    var role = form.elements.role;
    var status = document.getElementById('invite-status');
    var button = form.querySelector('button[type=submit]');
    var show = function (state, kind, text) {
      form.dataset.state = state;
      status.className = kind;
      status.textContent = text;
    };
    var fieldError = function (on) {
      if (on) {
        email.setAttribute('aria-invalid', 'true');
        email.setAttribute('aria-describedby', 'invite-help invite-status');
      } else {
        email.removeAttribute('aria-invalid');
        email.setAttribute('aria-describedby', 'invite-help');
      }
    };
    button.disabled = true;
    show('sending', 'hint', t('sending', 'Sending the invitation…'));
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: email.value, role: role.value })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      var body = res.body || {};
      if (res.ok) {
        fieldError(false);
        email.value = '';
        show('sent', 'success', body.delivery === 'failed'
          ? t('inviteNotEmailed', 'The invitation for {email} was created, but the email could not be sent. Ask the host to resend it.', { email: body.email })
          : t('inviteSent', 'Invitation sent to {email} as {role}.', { email: body.email, role: t('role_' + body.role, body.role) }));
      } else {
        fieldError(!!fieldErrors[body.error]);
        show(body.error || 'failed', 'error', body.message || t('inviteFailed', 'The invitation was not sent.'));
        if (fieldErrors[body.error]) email.focus();
      }
    }, function () {
      show('failed', 'error', t('inviteUnreachable', 'The invitation was not sent: the service could not be reached. Try again.'));
    }).then(function () {
      button.disabled = false;
      // Keep the outcome on screen (on a phone it can be below the keyboard's fold).
      if (status.scrollIntoView) status.scrollIntoView({ block: 'nearest' });
    });
  });

  // A role change in the room: the form appears, changes its roles or goes away.
  document.addEventListener('rolechange', function (event) {
    var me = event.detail;
    var section = document.getElementById('invite');
    var template = document.getElementById('invite-template');
    if (!template || me.role === 'viewer') {
      if (section) section.remove();
      return;
    }
    var proto = template.content.firstElementChild;
    if (!section) {
      section = proto.cloneNode(true);
      template.parentNode.insertBefore(section, document.getElementById('feature-templates'));
    }
    var select = section.querySelector('#invite-role');
    var chosen = select.value;
    select.textContent = '';
    proto.querySelectorAll('#invite-role option').forEach(function (option) {
      if (rank[option.value] < rank[me.role]) select.appendChild(option.cloneNode(true));
    });
    if (select.querySelector('option[value="' + chosen + '"]')) select.value = chosen;
  });
}());
