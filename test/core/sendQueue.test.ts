import { nextToSend, sendCommandOf, type SendRecord } from '../../src/core/sendQueue';
import type { PendingMessage } from '../../src/core';

function record(clientId: string, patch: Partial<SendRecord> = {}, status: PendingMessage['status'] = 'sending'): SendRecord {
  const pending: PendingMessage = { clientId, roomId: 'general', authorId: 'ana', text: clientId, attachments: [], mentions: [], createdAt: 0, status };
  return { pending, inFlightSession: null, attempt: 0, retryTimer: null, waiters: [], ...patch };
}

describe('nextToSend', () => {
  it('sends the head of a room\'s queue first', () => {
    const queue = [record('a'), record('b')];
    expect(nextToSend(queue)?.pending.clientId).toBe('a');
  });

  it('sends nothing while the head is on the wire or waiting to retry, so nothing overtakes it', () => {
    expect(nextToSend([record('a', { inFlightSession: 1 }), record('b')])).toBeUndefined();
    expect(nextToSend([record('a', { retryTimer: setTimeout(() => {}, 0) }), record('b')])).toBeUndefined();
  });

  it('lets a send refused for good step aside', () => {
    expect(nextToSend([record('a', {}, 'failed'), record('b')])?.pending.clientId).toBe('b');
    expect(nextToSend([record('a', {}, 'failed')])).toBeUndefined();
  });
});

describe('sendCommandOf', () => {
  it('puts the same client id on the wire every time, with only the fields the send has', () => {
    const { pending } = record('c_1');
    expect(sendCommandOf({ ...pending, parentId: 'm1' })).toEqual({ type: 'message.send', roomId: 'general', clientId: 'c_1', text: 'c_1', attachments: [], mentions: [], parentId: 'm1' });
  });
});
