import type { Message } from '../../../src/protocol';
import { offlineNotifications, webhookEventsOf } from '../../../src/host/webhooks';
import type { Delivery } from '../../../src/server';

const message: Message = { id: 'm1', clientId: 'c1', roomId: 'general', sequence: 1, authorId: 'ana', text: 'hi @bo', attachments: [], mentions: ['bo'], reactions: [], replyCount: 0, createdAt: 0 };

describe('webhookEventsOf', () => {
  it('makes one event of an event sent to many people or in parts, and none of what is private to each person', () => {
    const created = { type: 'message.created', message } as const;
    const deliveries: Delivery[] = [
      { userIds: ['ana', 'bo'], event: created, cause: { command: 'message.send', actorId: 'ana' } },
      { userIds: ['chen'], event: { type: 'message.created', message: { ...message } }, cause: { command: 'message.send', actorId: 'ana' } },
      { userIds: ['dara'], event: { type: 'message.hidden', roomId: 'general', sequence: 1 } },
      { userIds: ['bo'], event: { type: 'typing.stopped', roomId: 'general', userId: 'ana' } },
      { userIds: ['ana'], event: { type: 'cursor.updated', cursor: { roomId: 'general', userId: 'ana', sequence: 1, updatedAt: 0 } } },
    ];
    const { events, candidates } = webhookEventsOf(deliveries);
    expect(events.map((event) => event.type)).toEqual(['message.created']);
    expect(candidates).toEqual([{ message, readerIds: ['bo', 'chen'] }]);
    // The id depends only on the event: every host and every retry names it alike.
    expect(webhookEventsOf(deliveries).events[0]!.id).toBe(events[0]!.id);
  });

  it('makes one report.created of a report told to several moderators, and none of its resolution', () => {
    const report = { id: 'rep_1', roomId: 'general', reporterId: 'chen', userId: 'ana', messageId: 'm1', reason: 'spam' as const, createdAt: 0, status: 'open' as const, message, context: [message] };
    const deliveries: Delivery[] = [
      { userIds: ['ana'], event: { type: 'report.created', report }, cause: { command: 'report.create', actorId: 'chen' } },
      { userIds: ['mo'], event: { type: 'report.created', report: { ...report } }, cause: { command: 'report.create', actorId: 'chen' } },
      { userIds: ['ana'], event: { type: 'report.resolved', report: { ...report, status: 'resolved' } } },
    ];
    const { events } = webhookEventsOf(deliveries);
    expect(events).toEqual([{ id: expect.stringMatching(/^evt_/), type: 'report.created', data: { report } }]);
  });

  it('reads what a message.updated was from its cause, and falls back on the message itself without one', () => {
    const deleted = { ...message, text: '', mentions: [], deletedAt: 5 };
    const typeOf = (delivery: Delivery) => webhookEventsOf([delivery]).events.map((event) => event.type);
    expect(typeOf({ userIds: ['bo'], event: { type: 'message.updated', message }, cause: { command: 'message.edit', actorId: 'ana' } })).toEqual(['message.edited']);
    expect(typeOf({ userIds: ['bo'], event: { type: 'message.updated', message }, cause: { command: 'reaction.toggle', actorId: 'bo' } })).toEqual(['reaction.updated']);
    expect(typeOf({ userIds: ['bo'], event: { type: 'message.updated', message }, cause: { command: 'message.send', actorId: 'bo' } })).toEqual([]);
    expect(typeOf({ userIds: ['bo'], event: { type: 'message.updated', message: deleted } })).toEqual(['message.deleted']);
    expect(typeOf({ userIds: ['bo'], event: { type: 'message.updated', message } })).toEqual(['message.updated']);
  });

  it('notifies offline readers who were mentioned, and the other person of a direct room, asking presence only about them', async () => {
    const asked: string[] = [];
    const offline = async (userId: string) => {
      asked.push(userId);
      return userId !== 'chen';
    };
    const inRoom = await offlineNotifications({ message: { ...message, mentions: ['bo', 'chen'] }, readerIds: ['bo', 'chen', 'dara'] }, 'public', offline);
    expect(inRoom.map((event) => [event.type, (event.data as { userId: string }).userId, (event.data as { reason: string }).reason])).toEqual([['notification.offline', 'bo', 'mention']]);
    expect(asked).toEqual(['bo', 'chen']);
    const direct = await offlineNotifications({ message: { ...message, mentions: [] }, readerIds: ['bo'] }, 'direct', offline);
    expect(direct.map((event) => (event.data as { reason: string }).reason)).toEqual(['direct']);
    expect(await offlineNotifications({ message: { ...message, deletedAt: 1 }, readerIds: ['bo'] }, 'direct', offline)).toEqual([]);
  });
});
