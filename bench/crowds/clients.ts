/**
 * The WebSocket clients of `npm run bench:crowds`, in a child process of their own, so the server
 * under test shares neither its event loop nor its memory with them. Driven over IPC by
 * bench/crowds/main.ts with {@link ClientCommand}s; answers one {@link ClientReport} per command.
 */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
export const clock = (): number => performance.timeOrigin + performance.now();

/** What the server under test speaks: the host's protocol, or the bare server's echo of it. */
export type Mode = 'host' | 'bare';

/** Parent → clients. */
export type ClientCommand =
  /** Opens every socket; with `joinRoom`, each sends `room.join` once its first frame arrived. Answers when every one is in. */
  | { type: 'connect'; urls: string[]; joinRoom?: string }
  /** Counts messages tagged `tag` as they arrive; `senders` of the sockets send `perSender` each, one every `paceMs` in turn. */
  | { type: 'listen'; tag: string; senders: number; perSender: number; paceMs: number; expected: number }
  /** Socket 0 sends `message.send` and `message.history` as fast as its socket drains, for `ms`. */
  | { type: 'flood'; roomId: string; ms: number }
  | { type: 'close' };

/** Clients → parent. */
export type ClientReport =
  | { type: 'connected'; ms: number; firstFrameBytes: number; bytes: number; frames: number }
  | { type: 'listened'; latencies: number[]; received: number }
  | { type: 'flooded'; sent: number; refused: number; accepted: number; /** How long after the flood stopped its last answer came. */ lagMs: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

let sockets: WebSocket[] = [];
let onFrame: (socketIndex: number, text: string) => void = () => {};
let frames = 0;
let bytes = 0;
const send = (report: ClientReport) => process.send?.(report);

function request(socket: WebSocket, id: string, command: Record<string, unknown>): void {
  socket.send(JSON.stringify({ kind: 'request', id, command }));
}

function connect(command: Extract<ClientCommand, { type: 'connect' }>): void {
  const started = clock();
  let ready = 0;
  let firstFrameBytes = 0;
  frames = 0;
  bytes = 0;
  const done = () => {
    if (++ready === command.urls.length) send({ type: 'connected', ms: clock() - started, firstFrameBytes, bytes, frames });
  };
  sockets = command.urls.map((url, index) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let first = true;
    socket.on('message', (data) => {
      const text = data.toString();
      frames++;
      bytes += text.length;
      if (first) {
        first = false; // the session snapshot (host) or hello (bare)
        firstFrameBytes = Math.max(firstFrameBytes, Buffer.byteLength(text));
        if (command.joinRoom === undefined) return done();
        request(socket, 'join', { type: 'room.join', roomId: command.joinRoom });
        return;
      }
      if (command.joinRoom !== undefined && text.startsWith('{"kind":"result","id":"join"')) return done();
      onFrame(index, text);
    });
    socket.on('error', (error) => send({ type: 'error', message: `socket ${index}: ${error.message}` }));
    return socket;
  });
}

function listen(command: Extract<ClientCommand, { type: 'listen' }>): void {
  const latencies: number[] = [];
  const finish = () => {
    onFrame = () => {};
    send({ type: 'listened', latencies, received: latencies.length });
  };
  onFrame = (_index, text) => {
    // Only message.created events of this phase: "<tag> <sent at>".
    const at = text.indexOf(`"text":"${command.tag} `);
    if (at < 0 || !text.startsWith('{"kind":"event"')) return;
    const start = at + command.tag.length + 9;
    latencies.push(clock() - Number(text.slice(start, text.indexOf('"', start))));
    if (latencies.length === command.expected) finish();
  };
  const senders = sockets.slice(0, command.senders);
  const total = command.perSender * senders.length;
  let sent = 0;
  const timer = setInterval(() => {
    const index = sent % senders.length;
    request(senders[index]!, `m${sent}`, { type: 'message.send', roomId: 'crowd', clientId: `${command.tag}-${sent}`, text: `${command.tag} ${clock()}` });
    if (++sent >= total) clearInterval(timer);
  }, command.paceMs);
  // Whatever arrived by then: a refused or lost message must not hang the run.
  setTimeout(finish, total * command.paceMs + 10_000).unref();
}

function flood(command: Extract<ClientCommand, { type: 'flood' }>): void {
  const socket = sockets[0]!;
  const until = clock() + command.ms;
  let sent = 0;
  let refused = 0;
  let accepted = 0;
  let lastAnswer = clock();
  onFrame = (index, text) => {
    if (index !== 0 || !text.startsWith('{"kind":"result"')) return;
    lastAnswer = clock();
    if (text.includes('"ok":false')) refused++;
    else accepted++;
  };
  const burst = () => {
    if (clock() >= until) {
      // Answers still on their way count as what they are: wait until none came for a second (at most 20 s).
      const drained = setInterval(() => {
        if (clock() - lastAnswer < 1000 && clock() - until < 20_000) return;
        clearInterval(drained);
        send({ type: 'flooded', sent, refused, accepted, lagMs: lastAnswer - until });
      }, 200);
      return;
    }
    // As fast as the socket drains: a flooder that fills its own buffer only measures its own memory.
    while (socket.bufferedAmount < 256 * 1024 && clock() < until) {
      const id = `f${sent++}`;
      if (sent % 4 === 0) request(socket, id, { type: 'message.history', roomId: command.roomId });
      else request(socket, id, { type: 'message.send', roomId: command.roomId, clientId: id, text: `flood ${sent}` });
    }
    setImmediate(burst);
  };
  burst();
}

process.on('message', (command: ClientCommand) => {
  if (command.type === 'connect') connect(command);
  else if (command.type === 'listen') listen(command);
  else if (command.type === 'flood') flood(command);
  else {
    for (const socket of sockets) socket.terminate();
    sockets = [];
    send({ type: 'closed' });
  }
});
