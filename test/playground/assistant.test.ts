// The playground's Assistant: a bot of the bot kit over the memory transport, answering by streaming.
import { describe, expect, it } from 'vitest';
import { ASSISTANT, pieces, scriptedAnswer, startAssistant } from '../../playground/assistant';
import { createWorld, PEOPLE } from '../../playground/world';
import type { Message, ServerEvent } from '../../src/protocol';

const until = async (predicate: () => boolean, what: string) => {
  for (let waited = 0; !predicate(); waited += 5) {
    if (waited > 5000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('playground assistant', () => {
  it('says hello in a direct conversation with everyone, and answers a mention in #general by streaming', async () => {
    const world = createWorld({ scale: 0.01, avatars: false });
    const bot = await startAssistant({ server: world.server, people: PEOPLE, pieceDelayMs: [1, 3], thinkingMs: 5, avatar: false });
    try {
      const events: ServerEvent[] = [];
      const ana = world.server.connect('ana', (event) => events.push(event));
      const direct = ana.snapshot().rooms.find((room) => room.kind === 'direct' && room.members.some((member) => member.userId === ASSISTANT.id));
      expect(direct?.lastSequence).toBe(1);

      const asked = ana.handle({ type: 'message.send', roomId: 'general', clientId: 'q1', text: '@Assistant show me some code', mentions: [ASSISTANT.id] });
      if (!asked.ok) throw asked.error;
      const finished = () => events.find((event): event is Extract<ServerEvent, { type: 'message.updated' }> => event.type === 'message.updated' && event.message.authorId === ASSISTANT.id);
      await until(() => finished() !== undefined, 'the finished answer');
      const answer = finished()?.message as Message;
      expect(answer).toMatchObject({ text: scriptedAnswer('show me some code'), streaming: { state: 'complete', requestedBy: 'ana' } });
      const appended = events.filter((event) => event.type === 'message.appended');
      expect(appended.length).toBeGreaterThan(10);
      ana.close();
    } finally {
      await bot.close();
    }
  });

  it('writes its answers in pieces of a few words that add up to the text', async () => {
    const text = scriptedAnswer('how does streaming work?');
    const got: string[] = [];
    for await (const piece of pieces(text, [0, 1], 0)) got.push(piece);
    expect(got.join('')).toBe(text);
    expect(got.length).toBeGreaterThan(text.split(' ').length / 3 - 1);
  });
});
