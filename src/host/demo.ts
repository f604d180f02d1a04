import type { ReferenceServer } from '../server';

/** The demo people and rooms of dev mode, so that the playground and the widget have someone to talk to. */
export const DEMO_PEOPLE = [
  { id: 'ana', name: 'Ana' },
  { id: 'bo', name: 'Bo' },
  { id: 'chen', name: 'Chen' },
] as const;

/**
 * Seeds a server with ana, bo and chen, the public rooms `general` and `random` (everyone in
 * both), and a few messages in `general`. Safe to call on a server that has some of them already.
 *
 * @example
 * seedDemo(server);
 */
export function seedDemo(server: ReferenceServer): void {
  for (const person of DEMO_PEOPLE) if (!server.getUser(person.id)) server.upsertUser({ ...person });
  const everyone = DEMO_PEOPLE.map((person) => person.id);
  for (const id of ['general', 'random']) {
    if (!server.getRoom(id)) server.createRoom({ id, name: id, kind: 'public', createdBy: 'ana', memberIds: everyone });
  }
  const lines: [string, string][] = [
    ['ana', 'Welcome to Confab! This is the demo server.'],
    ['bo', 'Hi Ana 👋'],
    ['chen', 'Try opening a second tab as someone else.'],
  ];
  if (server.getRoom('general')?.lastSequence === 0) {
    lines.forEach(([userId, text], index) => {
      server.actAs(userId, { type: 'message.send', roomId: 'general', clientId: `demo-${index}`, text });
    });
  }
}
