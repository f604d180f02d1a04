import { parseClientFrame, parseCommand, parseServerEvent } from '../../src/protocol';

describe('parsing untrusted input', () => {
  it('names an unknown or missing command type in one short sentence', () => {
    const unknown = parseCommand({ type: 'nope' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toBe('Unknown command type "nope".');
    const missing = parseCommand({});
    if (!missing.ok) expect(missing.error.message).toBe('The command has no "type".');
    expect(missing.ok).toBe(false);
  });

  it('says which field is wrong', () => {
    const wrong = parseCommand({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 4 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid', message: 'Text must be a string (at "text").' } });
  });

  it('refuses ids that would reach Object.prototype, and custom data with prototype keys', () => {
    for (const roomId of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(parseCommand({ type: 'room.join', roomId }).ok).toBe(false);
    }
    const polluted = JSON.parse('{"type":"room.update","roomId":"r","customData":{"a":{"__proto__":{"polluted":1}}}}');
    expect(parseCommand(polluted)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops keys a command does not have', () => {
    const parsed = parseCommand({ type: 'typing.start', roomId: 'general', authorId: 'someone-else' });
    expect(parsed).toEqual({ ok: true, value: { type: 'typing.start', roomId: 'general' } });
  });

  it('refuses malformed events and frames with a sentence', () => {
    expect(parseServerEvent({ type: 'message.created' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const frame = parseClientFrame('{not json');
    expect(frame).toMatchObject({ ok: false, error: { code: 'invalid', message: 'The frame is not valid JSON.' } });
  });
});
