// What the live region announces, without a DOM.
import { announceable } from '../../../src/ui/messageList/LiveAnnouncer';

const message = (sequence: number, authorId: string, deletedAt?: number) => ({
  id: `m${sequence}`, clientId: `c${sequence}`, roomId: 'r', sequence, authorId, text: 'hi', attachments: [], mentions: [], reactions: [], replyCount: 0, createdAt: 0,
  ...(deletedAt !== undefined ? { deletedAt } : {}),
});

describe('announceable', () => {
  it('announces only a message from someone else that arrived after the list opened', () => {
    expect(announceable(message(41, 'bo'), 40, 'ana')?.sequence).toBe(41);
    expect(announceable(message(40, 'bo'), 40, 'ana')).toBeUndefined();
    expect(announceable(message(41, 'ana'), 40, 'ana')).toBeUndefined();
    expect(announceable(message(41, 'bo', 5), 40, 'ana')).toBeUndefined();
    expect(announceable(message(41, 'bo'), null, 'ana')).toBeUndefined();
  });

  it('announces a streamed answer once it ends, not while it is written', () => {
    const answer = (state: 'generating' | 'complete' | 'stopped') => ({ ...message(41, 'bot'), streaming: { state } });
    expect(announceable(answer('generating'), 40, 'ana')).toBeUndefined();
    expect(announceable(answer('complete'), 40, 'ana')?.sequence).toBe(41);
    expect(announceable(answer('stopped'), 40, 'ana')?.sequence).toBe(41);
  });
});
