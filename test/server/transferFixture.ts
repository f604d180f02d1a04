import type { ReferenceServer } from '../../src/server';

/** Everything a server holds that an export must carry: every kind of room, threads, edits, tombstones, reactions, cursors, blocks, a deleted person, an announcement. */
export async function populate(server: ReferenceServer, connect: (id: string) => { ok: (command: never) => unknown }): Promise<void> {
  server.upsertUser({ id: 'ana', name: 'Ana', avatarUrl: 'https://example.com/ana.png', customData: { team: 'blue' } });
  for (const id of ['bo', 'cy', 'dee']) server.upsertUser({ id, name: id.toUpperCase() });
  const ana = connect('ana') as { ok: (command: unknown) => { id: string; sequence: number } };
  const bo = connect('bo') as { ok: (command: unknown) => { id: string; sequence: number } };
  server.createRoom({ id: 'general', name: 'General', kind: 'public', createdBy: 'ana', memberIds: ['bo', 'cy', 'dee'], customData: { topic: 'all' } });
  server.createRoom({ id: 'team', name: 'Team', kind: 'private', createdBy: 'bo', memberIds: ['ana'] });
  const first = ana.ok({ type: 'message.send', roomId: 'general', clientId: 'a1', text: 'Hello **all**', mentions: ['bo'] });
  bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b1', text: 'a reply', parentId: first.id });
  bo.ok({ type: 'message.send', roomId: 'general', clientId: 'b2', text: 'quoting', quotedId: first.id, attachments: [{ id: 'f1', name: 'cat.png', type: 'image/png', size: 10, url: 'https://files.example/f1', width: 4, height: 3 }] });
  ana.ok({ type: 'reaction.toggle', roomId: 'general', messageId: first.id, emoji: '👍' });
  bo.ok({ type: 'reaction.toggle', roomId: 'general', messageId: first.id, emoji: '👍' });
  const edited = ana.ok({ type: 'message.send', roomId: 'team', clientId: 'a2', text: 'typo' });
  ana.ok({ type: 'message.edit', roomId: 'team', messageId: edited.id, text: 'fixed' });
  const gone = bo.ok({ type: 'message.send', roomId: 'team', clientId: 'b3', text: 'oops' });
  bo.ok({ type: 'message.delete', roomId: 'team', messageId: gone.id });
  const direct = ana.ok({ type: 'direct.open', userId: 'cy' });
  ana.ok({ type: 'message.send', roomId: direct.id, clientId: 'a3', text: 'psst' });
  ana.ok({ type: 'cursor.set', roomId: 'general', sequence: 3 });
  ana.ok({ type: 'user.block', userId: 'dee' });
  (connect('cy') as { ok: (command: unknown) => unknown }).ok({ type: 'user.block', userId: 'bo' });
  const dee = connect('dee') as { ok: (command: unknown) => unknown };
  dee.ok({ type: 'message.send', roomId: 'general', clientId: 'd1', text: 'bye' });
  server.announce({ text: 'Welcome to the new server', roomIds: ['general', 'team'] });
  await server.deleteUser('dee');
}

