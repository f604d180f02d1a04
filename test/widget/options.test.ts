// The widget's own texts (launcher, close button, panel title) follow the chat's language once
// its texts are loaded; what the page gave still wins.
import { loadChatStrings } from '../../src/ui';
import { DEFAULT_LABELS, inLanguage, resolveOptions } from '../../src/widget/options';

describe('widget options in a language', () => {
  it('are English by default', () => {
    const options = resolveOptions({ demo: true });
    expect(options.title).toBe('Chat');
    expect(options.labels.open).toBe('Open chat');
    expect(options.labels.unread(3)).toBe('3 unread messages');
    expect(options.labels).toEqual(DEFAULT_LABELS);
  });

  it("take the chat's language for the launcher, the close button and the title", async () => {
    const input = { demo: true, locale: 'ar' };
    const options = inLanguage(resolveOptions(input), await loadChatStrings('ar'), input);
    expect(options).toMatchObject({ title: 'الدردشة', locale: 'ar', demo: true });
    expect([options.labels.open, options.labels.close]).toEqual(['فتح الدردشة', 'إغلاق الدردشة']);
    expect(options.labels.unread(2)).toBe('رسالتان غير مقروءتين');
  });

  it("keep the page's own labels and title", async () => {
    const input = { demo: true, locale: 'de', title: 'Hilfe', labels: { open: 'Fragen?' } };
    const options = inLanguage(resolveOptions(input), await loadChatStrings('de'), input);
    expect(options.title).toBe('Hilfe');
    expect(options.labels.open).toBe('Fragen?');
    expect(options.labels.close).toBe('Chat schließen');
  });
});
