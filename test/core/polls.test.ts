import { createChatClient, nextVote, type ChatClient } from '../../src/core';
import { createReferenceServer } from '../../src/server';
import { createMemoryTransport } from '../../src/transports/memory';

const clients: ChatClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));

async function world() {
  const server = createReferenceServer({ floodLimit: false });
  server.upsertUser({ id: 'ana', name: 'Ana Lima' });
  server.upsertUser({ id: 'bo', name: 'Bo Svensson' });
  server.createRoom({ id: 'general', name: 'General', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  const client = createChatClient({ transport: createMemoryTransport(server, { userId: 'ana' }) });
  clients.push(client);
  await client.connect();
  return { server, client };
}

describe('nextVote', () => {
  it('picks, switches and takes back a single choice', () => {
    expect(nextVote({ multiple: false }, [], 'o1')).toEqual(['o1']);
    expect(nextVote({ multiple: false }, ['o1'], 'o2')).toEqual(['o2']);
    expect(nextVote({ multiple: false }, ['o1'], 'o1')).toEqual([]);
  });

  it('toggles options of a multiple choice', () => {
    expect(nextVote({ multiple: true }, ['o1'], 'o2')).toEqual(['o1', 'o2']);
    expect(nextVote({ multiple: true }, ['o1', 'o2'], 'o1')).toEqual(['o2']);
  });
});

describe('client polls', () => {
  it('creates a poll, votes, keeps its own vote, and closes it', async () => {
    const { client } = await world();
    await expect(client.createPoll('general', { question: 'Lunch?', options: ['Pizza'] })).rejects.toMatchObject({ code: 'invalid' });
    const poll = await client.createPoll('general', { question: 'Lunch?', options: ['Pizza', 'Sushi'], anonymous: true });
    const voted = await client.votePoll('general', poll.id, ['o2']);
    expect(voted.poll?.counts.map((count) => count.votes)).toEqual([0, 1]);
    expect(client.store.getState().ownPollVotes[`general/${poll.id}`]).toEqual(['o2']);
    expect(await client.loadOwnPollVote('general', poll.id)).toEqual(['o2']);
    const closed = await client.closePoll('general', poll.id);
    expect(closed.poll?.closedAt).toBeDefined();
    await expect(client.votePoll('general', poll.id, ['o1'])).rejects.toMatchObject({ code: 'conflict' });
  });

  it('learns its own vote from another session of the same person (poll.voted)', async () => {
    const { server, client } = await world();
    const poll = await client.createPoll('general', { question: 'Lunch?', options: ['Pizza', 'Sushi'], anonymous: true });
    server.actAs('ana', { type: 'poll.vote', roomId: 'general', messageId: poll.id, optionIds: ['o1'] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.store.getState().ownPollVotes[`general/${poll.id}`]).toEqual(['o1']);
  });
});
