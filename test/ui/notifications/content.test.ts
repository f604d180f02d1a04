import { notificationContent, NOTIFICATION_BODY_CHARS } from '../../../src/ui/notifications';
import { titleWithUnread } from '../../../src/ui/notifications';
import { defaultStrings } from '../../../src/ui/strings';

const strings = defaultStrings;

describe('notificationContent', () => {
  it('titles a direct message by its author, a group message by author and room', () => {
    expect(notificationContent({ message: { text: 'Lunch?', attachments: [] }, authorName: 'Bo', roomName: '', isDirect: true, strings }).title).toBe('Bo');
    expect(notificationContent({ message: { text: 'Lunch?', attachments: [] }, authorName: 'Bo', roomName: 'general', isDirect: false, strings })).toEqual({ title: 'Bo in general', body: 'Lunch?' });
  });

  it('is plain text: formatting marks go, markup stays literal characters, the body is cut by code points', () => {
    const formatted = notificationContent({ message: { text: '**Ship it** `now`\n\n<img src=x onerror=alert(1)>', attachments: [] }, authorName: 'Bo', roomName: 'r', isDirect: true, strings });
    expect(formatted.body).toBe('Ship it now <img src=x onerror=alert(1)>');
    const long = notificationContent({ message: { text: '😀'.repeat(500), attachments: [] }, authorName: 'Bo', roomName: 'r', isDirect: true, strings });
    expect([...long.body]).toHaveLength(NOTIFICATION_BODY_CHARS);
    expect(long.body.endsWith('😀…')).toBe(true);
  });

  it('names the first file of a message that is only files', () => {
    const files = notificationContent({ message: { text: ' ', attachments: [{ id: 'a1', url: 'https://x/a.pdf', name: 'plan.pdf', size: 10, type: 'application/pdf' }] }, authorName: 'Bo', roomName: 'r', isDirect: true, strings });
    expect(files.body).toBe('plan.pdf');
  });
});

describe('titleWithUnread', () => {
  it('puts the count in front, replaces an old one, and takes it away at zero', () => {
    expect(titleWithUnread('Support', 3)).toBe('(3) Support');
    expect(titleWithUnread('(3) Support', 5)).toBe('(5) Support');
    expect(titleWithUnread('(5) Support', 0)).toBe('Support');
    expect(titleWithUnread('Support', 150)).toBe('(99+) Support');
    expect(titleWithUnread('(99+) Support', 0)).toBe('Support');
  });
});
