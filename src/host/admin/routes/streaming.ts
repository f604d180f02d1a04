import type * as v from 'valibot';
import { MessageSchema, MessageAppendSchema, MessageAppendedSchema, MessageFinishSchema } from '../schemas';
import { valueOf } from './calls';
import type { AdminRoute } from './types';

// Streamed messages (issue #14): a bot without a socket writes its answer piece by piece.

export const appendToMessageRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms/{id}/messages/{messageId}/append',
  tag: 'Messages',
  summary:
    'Append a piece to a streamed message as its author (sent with `streaming`); `offset` is the text\'s length so far, and a piece resent after a failure is taken once',
  body: MessageAppendSchema,
  response: MessageAppendedSchema,
  async handle({ server, params, body }) {
    const { userId, offset, piece } = body as v.InferOutput<typeof MessageAppendSchema>;
    return valueOf(await server.actAs(userId, { type: 'message.append', roomId: params.id as string, messageId: params.messageId as string, offset, piece }));
  },
};

export const finishMessageRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms/{id}/messages/{messageId}/finish',
  tag: 'Messages',
  summary: 'Finish a streamed message as its author: it becomes a normal message (not marked edited)',
  body: MessageFinishSchema,
  response: MessageSchema,
  async handle({ server, params, body }) {
    const { userId } = body as v.InferOutput<typeof MessageFinishSchema>;
    return valueOf(await server.actAs(userId, { type: 'message.finish', roomId: params.id as string, messageId: params.messageId as string }));
  },
};
