import { createDraftStore, draftKey, isBlankDraft, parseDraft, serializeDraft, textToRestore, type DraftStorage } from '../../../src/ui/composer/drafts';

/** A Map-backed storage that can be made to refuse reads and writes, as full or blocked storage does. */
function fakeStorage() {
  const items = new Map<string, string>();
  const failing = { read: false, write: false };
  const storage: DraftStorage = {
    getItem(key) {
      if (failing.read) throw new DOMException('The operation is insecure.', 'SecurityError');
      return items.get(key) ?? null;
    },
    setItem(key, value) {
      if (failing.write) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem(key) {
      if (failing.write) throw new DOMException('The operation is insecure.', 'SecurityError');
      items.delete(key);
    },
  };
  return { storage, items, failing };
}

const general = { userId: 'ana', roomId: 'general' };
const draft = (text: string, mentions: string[] = []) => ({ text, mentions, savedAt: 1_764_755_000_000 });

describe('draft keys', () => {
  it('name the person, the room and the thread, each part encoded so ids cannot collide', () => {
    expect(draftKey(general)).toBe('confab:draft:v1:ana:general');
    expect(draftKey({ ...general, parentId: 'm1' })).toBe('confab:draft:v1:ana:general:m1');
    expect(draftKey({ userId: 'a:b', roomId: 'c' })).not.toBe(draftKey({ userId: 'a', roomId: 'b:c' }));
    expect(draftKey({ userId: 'bo', roomId: 'general' })).not.toBe(draftKey(general));
  });
});

describe('parseDraft', () => {
  it('reads what serializeDraft wrote', () => {
    expect(parseDraft(serializeDraft(draft('See you @Bo Svensson', ['bo'])))).toEqual(draft('See you @Bo Svensson', ['bo']));
  });

  it('treats anything else as no draft, never as an error', () => {
    for (const raw of [null, '', '{oops', 'null', '42', '"text"', '[]', '{"text":7}', '{"text":"   "}']) expect(parseDraft(raw)).toBeNull();
    expect(parseDraft('{"text":"hi","mentions":["bo",3,null],"savedAt":"yesterday"}')).toEqual({ text: 'hi', mentions: ['bo'], savedAt: 0 });
  });

  it('counts whitespace-only text as blank', () => {
    expect(isBlankDraft({ text: ' \n\t' })).toBe(true);
    expect(isBlankDraft({ text: ' a ' })).toBe(false);
  });
});

describe('createDraftStore', () => {
  it('saves, loads and clears per scope; a blank draft clears', () => {
    const { storage, items } = fakeStorage();
    const drafts = createDraftStore(storage);
    drafts.save(general, draft('hello'));
    drafts.save({ ...general, parentId: 'm1' }, draft('in the thread'));
    expect(drafts.load(general)?.text).toBe('hello');
    expect(drafts.load({ ...general, parentId: 'm1' })?.text).toBe('in the thread');
    expect(drafts.load({ userId: 'bo', roomId: 'general' })).toBeNull();
    // Another store over the same storage (a reload) sees it.
    expect(createDraftStore(storage).load(general)?.text).toBe('hello');
    drafts.save(general, draft('  '));
    expect(drafts.load(general)).toBeNull();
    expect(items.has(draftKey(general))).toBe(false);
    drafts.clear({ ...general, parentId: 'm1' });
    expect(items.size).toBe(0);
  });

  it('keeps drafts in memory when the storage is full, and clears them there too', () => {
    const { storage, failing } = fakeStorage();
    const drafts = createDraftStore(storage);
    failing.write = true;
    expect(() => drafts.save(general, draft('typed while the disk was full'))).not.toThrow();
    expect(drafts.load(general)?.text).toBe('typed while the disk was full');
    expect(() => drafts.clear(general)).not.toThrow();
    expect(drafts.load(general)).toBeNull();
    // Once storage takes writes again, they go there.
    failing.write = false;
    drafts.save(general, draft('later'));
    expect(createDraftStore(storage).load(general)?.text).toBe('later');
  });

  it('works from memory where reading storage throws or there is none', () => {
    const { storage, failing } = fakeStorage();
    failing.read = true;
    failing.write = true;
    const blocked = createDraftStore(storage);
    expect(blocked.load(general)).toBeNull();
    blocked.save(general, draft('kept in memory'));
    expect(blocked.load(general)?.text).toBe('kept in memory');
    const none = createDraftStore(null);
    none.save(general, draft('no storage at all'));
    expect(none.load(general)?.text).toBe('no storage at all');
  });
});

describe('textToRestore', () => {
  const saved = draft('saved');
  it('brings the draft back on opening, unless something was typed already', () => {
    expect(textToRestore({ switching: false, draft: saved, currentText: '' })).toBe('saved');
    expect(textToRestore({ switching: false, draft: saved, currentText: 'typed first' })).toBeNull();
    expect(textToRestore({ switching: false, draft: null, currentText: '' })).toBeNull();
  });

  it('replaces the text on a switch with the new scope’s draft, or empties it', () => {
    expect(textToRestore({ switching: true, draft: saved, currentText: 'old room' })).toBe('saved');
    expect(textToRestore({ switching: true, draft: null, currentText: 'old room' })).toBe('');
  });
});
