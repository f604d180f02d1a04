import type * as v from 'valibot';
import { AnnouncementInputSchema, AnnouncementSchema, MessageEditSchema, MessageInputSchema, MessageListQuerySchema, MessagePageSchema, MessageSchema } from '../schemas';
import { system, valueOf } from './calls';
import type { AdminRoute } from './types';

// Messages: sent as a member, paged, edited and deleted as a moderator, and announcements to many rooms.

/** Counts the client ids made here for messages sent without one, so that no two are alike. */
let clientIds = 0;

export const sendMessageRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms/{id}/messages',
  tag: 'Messages',
  summary: 'Send a message as a person who is a member (idempotent on clientId)',
  body: MessageInputSchema,
  response: MessageSchema,
  status: 201,
  async handle({ server, params, body }) {
    const { userId, clientId, ...rest } = body as v.InferOutput<typeof MessageInputSchema>;
    const outcome = await server.actAs(userId, {
      type: 'message.send',
      roomId: params.id as string,
      clientId: clientId ?? `admin_${Date.now().toString(36)}_${(++clientIds).toString(36)}`,
      ...rest,
    });
    return valueOf(outcome);
  },
};

export const listMessagesRoute: AdminRoute = {
  method: 'GET',
  path: '/rooms/{id}/messages',
  tag: 'Messages',
  summary: "A page of a room's top-level messages before or after a sequence (the message retrieval API)",
  query: MessageListQuerySchema,
  response: MessagePageSchema,
  async handle(call) {
    const { before, after, limit } = call.query as v.InferOutput<typeof MessageListQuerySchema>;
    return system(call, {
      type: 'message.history',
      roomId: call.params.id as string,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
  },
};

export const editMessageRoute: AdminRoute = {
  method: 'PATCH',
  path: '/rooms/{id}/messages/{messageId}',
  tag: 'Messages',
  summary: "Edit a message's text as a moderator (it shows as edited)",
  body: MessageEditSchema,
  response: MessageSchema,
  async handle(call) {
    const edit = call.body as v.InferOutput<typeof MessageEditSchema>;
    return system(call, { type: 'message.edit', roomId: call.params.id as string, messageId: call.params.messageId as string, ...edit });
  },
};

export const deleteMessageRoute: AdminRoute = {
  method: 'DELETE',
  path: '/rooms/{id}/messages/{messageId}',
  tag: 'Messages',
  summary: 'Delete a message as a moderator (it becomes a tombstone)',
  response: MessageSchema,
  async handle(call) {
    return system(call, { type: 'message.delete', roomId: call.params.id as string, messageId: call.params.messageId as string });
  },
};

export const announceRoute: AdminRoute = {
  method: 'POST',
  path: '/announcements',
  tag: 'Messages',
  summary: 'Send one system message to several rooms (at most 100): all of them or none',
  body: AnnouncementInputSchema,
  response: AnnouncementSchema,
  status: 201,
  async handle({ server, body }) {
    const input = body as v.InferOutput<typeof AnnouncementInputSchema>;
    return { messages: await server.announce(input) };
  },
};
