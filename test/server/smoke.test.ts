import { setup } from './helpers';

describe('reference server smoke', () => {
  it('sends a message between two people', () => {
    const { person, server } = setup();
    const ana = person('ana');
    const bo = person('bo');
    server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
    const message = ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'Hello' });
    expect(message.sequence).toBe(1);
    expect(bo.received('message.created')[0]?.message.text).toBe('Hello');
    expect(ana.received('message.created')).toHaveLength(1);
  });
});
