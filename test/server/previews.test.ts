import type { LinkPreview } from '../../src/protocol';
import { linkToPreview, watchLinkPreviews, type LinkUnfurler } from '../../src/server';
import { setup } from './helpers';

const card = (url: string, title = 'Example'): LinkPreview => ({ url, title, description: 'A page', siteName: 'example.com' });

async function room() {
  const context = await setup();
  const ana = await context.person('ana');
  const bo = await context.person('bo');
  await context.server.createRoom({ id: 'general', name: 'general', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });
  return { ...context, ana, bo };
}

describe('link previews on the server', () => {
  it('lets the system attach a preview of the first link, and tells every member', async () => {
    const { server, ana, bo } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'read https://example.com/a then https://other.test/' });
    bo.clear();
    const attached = await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect(attached.ok && attached.value.preview).toEqual(card('https://example.com/a'));
    expect(bo.received('message.updated')[0]?.message.preview?.title).toBe('Example');
    // Kept by the storage engine (an extension field), and never counted as an edit.
    const page = await bo.ok({ type: 'message.history', roomId: 'general' });
    expect(page.messages[0]).toMatchObject({ preview: card('https://example.com/a') });
    expect(page.messages[0]?.editedAt).toBeUndefined();
  });

  it('refuses a preview of a link that is not the first, and refuses people who try to attach one', async () => {
    const { server, ana } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'read https://example.com/a then https://other.test/' });
    const wrong = await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://other.test/') });
    expect(!wrong.ok && wrong.error.code).toBe('conflict');
    const error = await ana.fail({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect(error).toMatchObject({ code: 'forbidden', message: 'Only the chat host attaches link previews.' });
  });

  it('lets the sender remove the preview, which then stays off until the link changes', async () => {
    const { server, ana, bo } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'https://example.com/a' });
    await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect(await bo.fail({ type: 'message.removePreview', roomId: 'general', messageId: sent.id })).toMatchObject({ code: 'forbidden' });

    const removed = await ana.ok({ type: 'message.removePreview', roomId: 'general', messageId: sent.id });
    expect(removed.preview).toBeUndefined();
    expect(removed.previewRemovedUrl).toBe('https://example.com/a');
    expect(linkToPreview(removed)).toBeNull();
    const again = await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect(!again.ok && again.error.code).toBe('conflict');

    // An edit that keeps the link keeps it removed; one that changes it wants the new one.
    const kept = await ana.ok({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'still https://example.com/a' });
    expect(linkToPreview(kept)).toBeNull();
    const changed = await ana.ok({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'now https://example.com/b' });
    expect(linkToPreview(changed)).toBe('https://example.com/b');
  });

  it('keeps a preview off that the sender removed before it arrived', async () => {
    const { server, ana } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'https://example.com/a' });
    const removed = await ana.ok({ type: 'message.removePreview', roomId: 'general', messageId: sent.id });
    expect(removed.previewRemovedUrl).toBe('https://example.com/a');
    const late = await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect(!late.ok && late.error.code).toBe('conflict');
    // Nothing to remove in a message without a link: answered as it is.
    const plain = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c2', text: 'no link' });
    expect(await ana.ok({ type: 'message.removePreview', roomId: 'general', messageId: plain.id })).toEqual(plain);
  });

  it('lets a room admin remove a preview from someone else’s message', async () => {
    const { server, ana, bo } = await room();
    const sent = await bo.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'https://example.com/a' });
    await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    expect((await ana.ok({ type: 'message.removePreview', roomId: 'general', messageId: sent.id })).preview).toBeUndefined();
  });

  it('drops the preview when an edit changes the link or the message is deleted', async () => {
    const { server, ana } = await room();
    const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'https://example.com/a' });
    await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: sent.id, preview: card('https://example.com/a') });
    const same = await ana.ok({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'typo fixed https://example.com/a' });
    expect(same.preview?.url).toBe('https://example.com/a');
    const other = await ana.ok({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'no link now' });
    expect(other.preview).toBeUndefined();

    const second = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c2', text: 'https://example.com/c' });
    await server.actAsSystem({ type: 'message.setPreview', roomId: 'general', messageId: second.id, preview: card('https://example.com/c') });
    const tombstone = await ana.ok({ type: 'message.delete', roomId: 'general', messageId: second.id });
    expect(tombstone.preview).toBeUndefined();
  });

  it('unfurls in the background after the send is stored, once per message, and re-unfurls a changed link', async () => {
    const { server, ana, bo } = await room();
    const asked: string[] = [];
    const unfurler: LinkUnfurler = {
      async unfurl(url) {
        asked.push(url);
        return url.includes('nothing') ? null : card(url, `Title of ${url}`);
      },
    };
    const stop = watchLinkPreviews({ server, unfurler, onError: (error) => { throw error; } });
    try {
      const sent = await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c1', text: 'see https://example.com/a' });
      // The answer comes first, without a preview; the preview follows as message.updated.
      expect(sent.preview).toBeUndefined();
      await vi.waitFor(() => expect(bo.received('message.updated').at(-1)?.message.preview?.title).toBe('Title of https://example.com/a'));
      await ana.ok({ type: 'message.edit', roomId: 'general', messageId: sent.id, text: 'see https://example.com/b instead' });
      await vi.waitFor(() => expect(bo.received('message.updated').at(-1)?.message.preview?.url).toBe('https://example.com/b'));
      await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c2', text: 'https://nothing.test/' });
      await ana.ok({ type: 'message.send', roomId: 'general', clientId: 'c3', text: 'no links, `https://code.test/` in code' });
      await vi.waitFor(() => expect(asked).toContain('https://nothing.test/'));
      expect(asked).toEqual(['https://example.com/a', 'https://example.com/b', 'https://nothing.test/']);
    } finally {
      stop();
    }
  });
});
