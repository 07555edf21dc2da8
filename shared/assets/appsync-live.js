// Live updates on AWS: the browser side of AWS AppSync Events (integrations.md §3).
// No dependencies, no inline script, no eval: it runs under the pages' CSP, whose
// connect-src must allow the AppSync realtime endpoint (wss://<realtime-domain>).
//
// Contract with app.js (the page glue):
//   var sub = window.AppSyncLive.subscribe(live, onEvent, onFailure);
//   - live: the body of GET /rooms/{id}/live with transport "appsync":
//       { "transport": "appsync",
//         "url": "wss://<realtime-domain>/event/realtime",
//         "channels": ["/live/rooms/<room>", "/live/rooms/<room>/<identity>"],
//         "token": "<short-lived token>",
//         "host": "<http-domain>" }
//     `host` is the Event API's HTTP domain (xxxx.appsync-api.<region>.amazonaws.com);
//     when absent it is derived from `url` by replacing appsync-realtime-api with
//     appsync-api in the host name.
//   - onEvent(name, data): one call per event, `name` "status" | "deleted" | "role" and
//     `data` its object (the SSE `event:`/`data:` pair of §3).
//   - onFailure(reason): called at most once, when the connection cannot be made, a
//     subscription is refused, or the connection is lost (closed, or silent past the
//     server's keep-alive timeout). Nothing is called after it: the page then polls
//     and later fetches /live again and subscribes anew (a token is short-lived, so
//     this client never reconnects on its own).
//   - sub.close(): unsubscribes and closes; no callback is called after it.
//
// What the publisher sends (the service's AppSync publisher): each event is published
// on its channel as a JSON string of {"event": "<name>", "data": {…}}, so the
// `event` field of an AppSync `data` message is a JSON string whose parsed value has
// `event` and `data`.
//
// The WebSocket protocol, as AWS publishes it:
//   https://docs.aws.amazon.com/appsync/latest/eventapi/event-api-websocket-protocol.html
//   https://docs.aws.amazon.com/appsync/latest/eventapi/configure-event-api-auth.html
//   - connect to the realtime URL with two subprotocols: "aws-appsync-event-ws" and
//     "header-" + base64url(JSON of the authorization header); for a Lambda
//     authorizer that header is {"host": <http domain>, "Authorization": <token>};
//   - send {"type":"connection_init"}; the server answers
//     {"type":"connection_ack","connectionTimeoutMs":N} and then sends {"type":"ka"}
//     keep-alives: no "ka" within connectionTimeoutMs means the connection is dead;
//   - per channel send {"type":"subscribe","id":<unique>,"channel":<path>,
//     "authorization":{<the same header>}}; answered by {"type":"subscribe_success",
//     "id"} or {"type":"subscribe_error","id","errors":[{"errorType","message"}]};
//   - events arrive as {"type":"data","id":<subscription id>,"event":<JSON string>};
//   - {"type":"unsubscribe","id"} ends a subscription (→ "unsubscribe_success");
//   - {"type":"error"} / {"type":"connection_error"} (with "errors") report failures.
(function () {
  'use strict';

  var PROTOCOL = 'aws-appsync-event-ws';
  // Used until connection_ack says otherwise (AWS's value is 300000 ms).
  var DEFAULT_TIMEOUT_MS = 300000;
  // From the socket's opening to the last subscribe_success.
  var HANDSHAKE_TIMEOUT_MS = 15000;

  function base64url(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function httpDomain(live) {
    if (live.host) return live.host;
    return new URL(live.url).hostname.replace('appsync-realtime-api', 'appsync-api');
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  function errorText(msg) {
    var e = msg.errors && msg.errors[0];
    return msg.type + (e && e.errorType ? ': ' + e.errorType : '');
  }

  // The publisher's payloads: a JSON string (the documented shape), or a list of them.
  function payloads(event) {
    var list = Array.isArray(event) ? event : [event];
    var out = [];
    list.forEach(function (item) {
      var value = item;
      if (typeof item === 'string') {
        try { value = JSON.parse(item); } catch (e) { return; }
      }
      if (value && typeof value.event === 'string') out.push(value);
    });
    return out;
  }

  function subscribe(live, onEvent, onFailure) {
    var auth = { host: httpDomain(live), Authorization: live.token };
    var channels = (live.channels || []).slice();
    var subscriptions = {}; // id -> channel
    var confirmed = {}; // id -> true once subscribe_success
    var waiting = channels.length;
    var done = false;
    var socket = null;
    var kaTimer = null;
    var handshakeTimer = null;
    var timeoutMs = DEFAULT_TIMEOUT_MS;

    function stopTimers() {
      clearTimeout(kaTimer);
      clearTimeout(handshakeTimer);
    }

    function end() {
      done = true;
      stopTimers();
      if (!socket) return;
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      if (socket.readyState === WebSocket.OPEN) {
        Object.keys(confirmed).forEach(function (id) {
          socket.send(JSON.stringify({ type: 'unsubscribe', id: id }));
        });
      }
      if (socket.readyState !== WebSocket.CLOSED) socket.close(1000);
    }

    function fail(reason) {
      if (done) return;
      end();
      try { onFailure(reason); } catch (e) { setTimeout(function () { throw e; }, 0); }
    }

    // The server's keep-alive: the connection is dead after connectionTimeoutMs of
    // silence (AWS: "If no ka message is received within connectionTimeoutMs…").
    function armKeepAlive() {
      clearTimeout(kaTimer);
      kaTimer = setTimeout(function () { fail('keepalive_timeout'); }, timeoutMs);
    }

    function onMessage(message) {
      var msg;
      try { msg = JSON.parse(message.data); } catch (e) { return; }
      if (!msg || typeof msg.type !== 'string') return;
      switch (msg.type) {
        case 'connection_ack':
          if (typeof msg.connectionTimeoutMs === 'number' && msg.connectionTimeoutMs > 0) {
            timeoutMs = msg.connectionTimeoutMs;
          }
          armKeepAlive();
          channels.forEach(function (channel) {
            var id = newId();
            subscriptions[id] = channel;
            socket.send(JSON.stringify({ type: 'subscribe', id: id, channel: channel, authorization: auth }));
          });
          if (!waiting) clearTimeout(handshakeTimer);
          break;
        case 'ka':
          armKeepAlive();
          break;
        case 'subscribe_success':
          if (subscriptions[msg.id] && !confirmed[msg.id]) {
            confirmed[msg.id] = true;
            waiting -= 1;
            if (!waiting) clearTimeout(handshakeTimer);
          }
          break;
        case 'data':
          if (!subscriptions[msg.id]) return;
          payloads(msg.event).forEach(function (p) {
            if (done) return;
            onEvent(p.event, p.data && typeof p.data === 'object' ? p.data : {});
          });
          break;
        case 'unsubscribe_success':
        case 'publish_success':
          break;
        default:
          // subscribe_error, error, connection_error, and any other *_error: the page
          // would miss updates, so it falls back to polling.
          if (/error$/.test(msg.type)) fail(errorText(msg));
      }
    }

    try {
      socket = new WebSocket(live.url, [PROTOCOL, 'header-' + base64url(JSON.stringify(auth))]);
    } catch (e) {
      setTimeout(function () { fail('connect'); }, 0);
      return { close: function () { done = true; } };
    }
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: 'connection_init' }));
    };
    socket.onmessage = onMessage;
    socket.onclose = function (e) { fail('closed' + (e && e.code ? ': ' + e.code : '')); };
    socket.onerror = function () { fail('socket_error'); };
    handshakeTimer = setTimeout(function () { fail('handshake_timeout'); }, HANDSHAKE_TIMEOUT_MS);

    return { close: function () { if (!done) end(); } };
  }

  window.AppSyncLive = { subscribe: subscribe };
}());
