// Run by react-server.mjs under `--conditions=react-server`. `boundary`: registers the
// 'use client' hooks first; `plain`: imports `confab-chat` without them (expected to fail).
// Prints a JSON report: which React it got, and for each entry whether each export is a client
// reference or a real value.
import { register } from 'node:module';

const mode = process.argv[2];
if (mode === 'boundary') register('./react-server-hooks.mjs', import.meta.url);

const React = await import('react');
const isClientReference = (value) => typeof value === 'function' && value.$$typeof === Symbol.for('react.client.reference');
const report = { serverReact: !('useState' in React), entries: {} };
const names = mode === 'plain' ? ['confab-chat'] : ['confab-chat', 'confab-chat/ui', 'confab-chat/core', 'confab-chat/protocol', 'confab-chat/server', 'confab-chat/transports/memory'];
for (const name of names) {
  const module = await import(name);
  report.entries[name] = { exports: Object.fromEntries(Object.entries(module).map(([key, value]) => [key, isClientReference(value) ? 'client' : 'server'])) };
}
if (mode === 'boundary') {
  const { Chat } = await import('confab-chat/ui');
  const element = React.createElement(Chat, {});
  report.chatElement = isClientReference(element.type) ? 'client' : typeof element.type;
}
process.stdout.write(JSON.stringify(report));
