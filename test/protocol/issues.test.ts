import { parseClientMessage, parseCommand } from '../../src/protocol';

/** Bad commands and the sentence each must be answered with. */
const table: Array<[unknown, string]> = [
  [{ type: 'message.send', clientId: 'c', text: 'x' }, 'The command is missing "roomId".'],
  [{ type: 'user.block' }, 'The command is missing "userId".'],
  [{ type: 'room.resume', roomId: 'r' }, 'The command is missing "afterSequence".'],
  [{ type: 'message.send', roomId: 'r', clientId: 'c', text: 'x', attachments: [{ id: 'a' }] }, 'The command is missing "attachments.0.name".'],
  [{ type: 'message.history', roomId: 'r', limit: '5' }, '"limit" must be a number, not the string "5".'],
  [{ type: 'message.history', roomId: 'r', limit: 1.5 }, '"limit" must be a whole number, not the number 1.5.'],
  [{ type: 'message.history', roomId: 'r', limit: 0 }, '"limit" must be at least 1, not the number 0.'],
  [{ type: 'cursor.set', roomId: 'r', sequence: -1 }, '"sequence" must be at least 0, not the number -1.'],
  [{ type: 'room.setRole', roomId: 'r', userId: 'u', role: 'owner' }, '"role" must be one of "admin" or "member", not the string "owner".'],
  [{ type: 'room.addMembers', roomId: 'r', userIds: 'bo' }, '"userIds" must be an array, not the string "bo".'],
  [{ type: 'user.update', avatarUrl: 5 }, '"avatarUrl" must be a string, not the number 5.'],
  [{ type: 'user.update', name: 'x'.repeat(200) }, '"name" may have at most 100 characters; it has 200 characters.'],
  [{ type: 'room.addMembers', roomId: 'r', userIds: ['bo', 5] }, 'An id must be a string (at "userIds.1").'],
  [{ type: 'user.block', userId: '' }, 'An id must not be empty (at "userId").'],
  [{ type: 'message.send', roomId: 'r', clientId: 'c', text: 12 }, 'Text must be a string (at "text").'],
  [{}, 'The command has no "type".'],
  [{ type: 'room.nuke' }, 'Unknown command type "room.nuke".'],
  [null, 'A command must be a JSON object with a "type", not null.'],
  ['message.send', 'A command must be a JSON object with a "type", not the string "message.send".'],
  [[1, 2], 'A command must be a JSON object with a "type", not an array.'],
];

/** valibot's own wording, which no answer may carry. */
const RAW = /Invalid (key|type|value|length|integer)|Expected .* but received|Received /;

describe('error sentences', () => {
  it.each(table)('%j → %s', (command, sentence) => {
    const parsed = parseCommand(command);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('invalid');
    expect(parsed.error.message).toBe(sentence);
    expect(parsed.error.message).not.toMatch(RAW);
  });

  it('frames that are not requests are sentences too', () => {
    const answers = [
      parseClientMessage(JSON.stringify({ kind: 'request', command: {} })),
      parseClientMessage(JSON.stringify({ kind: 'request', id: 42, command: {} })),
      parseClientMessage(JSON.stringify({ kind: 'subscribe', id: 'x' })),
      parseClientMessage('null'),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error.message).not.toMatch(RAW);
    }
    const missing = parseClientMessage(JSON.stringify({ kind: 'request', command: {} }));
    expect(missing.ok ? '' : missing.error.message).toBe('Malformed frame: The frame is missing "id".');
  });
});
