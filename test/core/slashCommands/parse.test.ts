import { commandQuery, parseDraft } from '../../../src/core';

describe('parseDraft', () => {
  it('reads /name args as a command, lower-casing the name and trimming the arguments', () => {
    expect(parseDraft('/me waves')).toEqual({ kind: 'command', name: 'me', args: 'waves' });
    expect(parseDraft('/TOPIC   Release on Friday  ')).toEqual({ kind: 'command', name: 'topic', args: 'Release on Friday' });
    expect(parseDraft('/leave')).toEqual({ kind: 'command', name: 'leave', args: '' });
    expect(parseDraft('/weather Lisbon\ntomorrow')).toEqual({ kind: 'command', name: 'weather', args: 'Lisbon\ntomorrow' });
  });

  it('sends //text and a leading space as text, without the escape', () => {
    expect(parseDraft('//shrug is a command')).toEqual({ kind: 'text', text: '/shrug is a command' });
    expect(parseDraft(' /etc/hosts')).toEqual({ kind: 'text', text: '/etc/hosts' });
  });

  it('leaves ordinary text, a lone slash and a slash before a digit or space as text', () => {
    for (const text of ['hello /me', '/', '/ 2', '/2 apples', 'a/b']) expect(parseDraft(text)).toEqual({ kind: 'text', text });
  });

  it('takes a path for text, and any other /name for a command, so a mistyped one is refused rather than sent', () => {
    expect(parseDraft('/path/to/file')).toEqual({ kind: 'text', text: '/path/to/file' });
    expect(parseDraft('/nosuch thing')).toEqual({ kind: 'command', name: 'nosuch', args: 'thing' });
  });
});

describe('commandQuery', () => {
  it('is the name being typed while the caret is in it', () => {
    expect(commandQuery('/', 1)).toBe('');
    expect(commandQuery('/wea', 4)).toBe('wea');
    expect(commandQuery('/Wea', 4)).toBe('wea');
    expect(commandQuery('/wea more', 4)).toBe('wea');
  });

  it('is null after the name, in the middle of a word, or when the text is not a command', () => {
    expect(commandQuery('/weather Lis', 12)).toBeNull();
    expect(commandQuery('/weather', 3)).toBeNull();
    expect(commandQuery('hi /me', 6)).toBeNull();
    expect(commandQuery('//me', 4)).toBeNull();
  });
});
