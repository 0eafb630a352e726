// The live connection to the teacher's server: one WebSocket, reopened by
// itself after a drop with a growing wait (0.5 s, 1 s, 2 s, 4 s at most,
// with a little jitter so that thirty phones do not all knock at once when
// the server comes back). The first message on every new socket is the
// hello that hello() returns, so a reconnect resumes the role by itself.
// Two of the server's close codes mean that knocking again would not help:
// 4001, the same token connected again elsewhere (another tab: that one
// plays now), and 4002, refused for good (the class is full).

const MAX_WAIT = 4000;
export const REPLACED = 4001;
export const REFUSED = 4002;

export class Conn {
  // hello returns the message to send first; onMessage gets every parsed
  // message; onState gets 'connecting', 'open', 'waiting' (with the wait in
  // ms), or 'replaced' or 'refused' (with the server's reason), after which
  // the connection stays closed until reopen().
  constructor({ hello, onMessage, onState }) {
    this.hello = hello;
    this.onMessage = onMessage;
    this.onState = onState || (() => {});
    this.tries = 0;
    this.ws = null;
    this.timer = 0;
    this.stopped = false;
  }

  url() {
    return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/class/ws';
  }

  start() {
    this.stopped = false;
    clearTimeout(this.timer);
    this.onState('connecting', 0);
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch (e) {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.onState('open', 0);
      ws.send(JSON.stringify(this.hello()));
    };
    ws.onmessage = (ev) => {
      let m;
      try {
        m = JSON.parse(ev.data);
      } catch (e) {
        return; // not ours to show: a broken frame is the server's bug
      }
      if (m && typeof m === 'object') this.onMessage(m);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (ev.code === REPLACED || ev.code === REFUSED) {
        this.stopped = true;
        this.onState(ev.code === REPLACED ? 'replaced' : 'refused', 0, ev.reason || '');
        return;
      }
      this.retry();
    };
    ws.onerror = () => {}; // onclose follows and retries
  }

  // connected is called once the server has welcomed us: the next drop
  // starts again from the shortest wait.
  connected() { this.tries = 0; }

  retry() {
    const base = Math.min(MAX_WAIT, 500 * 2 ** this.tries);
    const wait = Math.round(base * (0.8 + 0.4 * Math.random()));
    this.tries++;
    this.onState('waiting', wait);
    this.timer = setTimeout(() => this.start(), wait);
  }

  send(m) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  // stop closes the socket and does not reopen it.
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close();
  }

  // reopen drops the socket now and connects again at once (after the
  // code or the token changed).
  reopen() {
    this.tries = 0;
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close();
    this.start();
  }
}
