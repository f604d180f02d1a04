import { MAX_PROFILE_FIELDS, MAX_PROFILE_VALUE, profileFields } from '../../../src/ui/people/profileFields';

describe('profileFields', () => {
  it('writes custom data as text lines: strings as they are, numbers and booleans written out, nested values as JSON', () => {
    expect(profileFields({ title: 'Designer', floor: 3, remote: true, tags: ['ux', 'a11y'], manager: { id: 'ana' } })).toEqual([
      { key: 'title', value: 'Designer' },
      { key: 'floor', value: '3' },
      { key: 'remote', value: 'true' },
      { key: 'tags', value: '["ux","a11y"]' },
      { key: 'manager', value: '{"id":"ana"}' },
    ]);
  });

  it('leaves out empty values and keys, and nothing at all for no data', () => {
    expect(profileFields(undefined)).toEqual([]);
    expect(profileFields({ a: null, b: '  ', ' ': 'x', c: 'kept' })).toEqual([{ key: 'c', value: 'kept' }]);
  });

  it('keeps a card short: at most 12 fields, values cut at 200 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, 'v']));
    expect(profileFields(many)).toHaveLength(MAX_PROFILE_FIELDS);
    const [long] = profileFields({ bio: '😀'.repeat(300) });
    expect([...(long?.value ?? '')]).toHaveLength(MAX_PROFILE_VALUE + 1);
    expect(long?.value.endsWith('…')).toBe(true);
  });
});
