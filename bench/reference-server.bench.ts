/**
 * The reference server's own costs, on this machine: sends into one big room and paging it back.
 * Prints numbers; passes or fails nothing.
 */
import { createReferenceServer } from '../src/server';

// Without the per-person limits on writes and history reads: this measures the work, not the gates.
const server = createReferenceServer({ floodLimit: false, readLimit: false });
server.upsertUser({ id: 'ana', name: 'Ana' });
server.upsertUser({ id: 'bo', name: 'Bo' });
server.createRoom({ id: 'r', name: 'r', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
const events: unknown[] = [];
const session = server.connect('bo', (event) => events.push(event));

const count = 100_000;
let started = performance.now();
for (let i = 1; i <= count; i++) server.actAs('ana', { type: 'message.send', roomId: 'r', clientId: `c${i}`, text: `message ${i}` });
const sendMs = performance.now() - started;

started = performance.now();
let pages = 0;
for (let before = count + 1; before > 1; before -= 100) {
  const page = session.handle({ type: 'message.history', roomId: 'r', before });
  if (!page.ok) throw new Error(`paging failed before #${before}: ${page.error.message}`);
  if (page.value.messages.length !== 100) throw new Error(`paging failed before #${before}: ${page.value.messages.length} messages instead of 100`);
  pages++;
}
const pageMs = performance.now() - started;

started = performance.now();
const resume = session.handle({ type: 'room.resume', roomId: 'r', afterSequence: count - 100 });
const resumeMs = performance.now() - started;
if (!resume.ok || resume.value.messages.length !== 100) throw new Error('resume failed');

console.log(`Confab reference server benchmark (node ${process.version})`);
console.log(`${count.toLocaleString('en')} sends into one room, one listener   ${sendMs.toFixed(0).padStart(7)} ms   ${((sendMs * 1000) / count).toFixed(1)} µs/send`);
console.log(`page back through it, ${pages} pages of 100          ${pageMs.toFixed(0).padStart(7)} ms   ${((pageMs * 1000) / pages).toFixed(1)} µs/page`);
console.log(`resume the last 100                              ${resumeMs.toFixed(2).padStart(7)} ms`);
session.close();
