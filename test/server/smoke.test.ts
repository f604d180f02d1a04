import { setup } from './helpers';

describe('reference server smoke', () => {
  it('sends a message between two people', async () => {
    const { person, server } = await setup();
    const ana = await person('ana');
    const bo = await person('bo');
    await server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const message = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
    expect(message.sequence).toBe(1);
    expect(bo.received('message.created')[0]?.message.text).toBe('Hello');
    expect(ana.received('message.created')).toHaveLength(1);
  });
});
