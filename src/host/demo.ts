import type { ChatServer } from '../server';

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
 * await seedDemo(server);
 */
export async function seedDemo(server: ChatServer): Promise<void> {
  for (const person of DEMO_PEOPLE) if (!(await server.getUser(person.id))) await server.upsertUser({ ...person });
  const everyone = DEMO_PEOPLE.map((person) => person.id);
  for (const id of ['general', 'random']) {
    if (!(await server.getRoom(id))) await server.createRoom({ id, name: id, kind: 'public', createdBy: 'ana', memberIds: everyone });
  }
  const lines: [string, string][] = [
    ['ana', 'Welcome to Confab! This is the demo server.'],
    ['bo', 'Hi Ana 👋'],
    ['chen', 'Try opening a second tab as someone else.'],
  ];
  if ((await server.getRoom('general'))?.lastSequence === 0) {
    for (const [index, [userId, text]] of lines.entries()) {
      await server.actAs(userId, { type: 'message.send', roomId: 'general', clientId: `demo-${index}`, text });
    }
  }
}
