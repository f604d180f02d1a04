import { createBrowserNotifier } from '../../../src/ui/notifications';

class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requestPermission = vi.fn(async () => {
    FakeNotification.permission = 'granted';
    return 'granted' as NotificationPermission;
  });
  static made: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeNotification.made = [];
  FakeNotification.permission = 'default';
});

describe('createBrowserNotifier', () => {
  it('reports unsupported and shows nothing where there is no Notification', async () => {
    vi.stubGlobal('Notification', undefined);
    const notifier = createBrowserNotifier();
    expect(notifier.permission()).toBe('unsupported');
    expect(await notifier.requestPermission()).toBe('unsupported');
    expect(() => notifier.notify({ title: 't', body: 'b', tag: 'x', roomId: 'r', messageId: 'm', onClick: () => {} })).not.toThrow();
  });

  it('asks only when asked, shows nothing before permission, then shows text with a tag per room', async () => {
    vi.stubGlobal('Notification', FakeNotification);
    const notifier = createBrowserNotifier();
    expect(notifier.permission()).toBe('default');
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    notifier.notify({ title: 'Bo', body: 'hi', tag: 'confab:r', roomId: 'r', messageId: 'm', onClick: () => {} });
    expect(FakeNotification.made).toHaveLength(0);

    expect(await notifier.requestPermission()).toBe('granted');
    const onClick = vi.fn();
    const focus = vi.fn();
    vi.stubGlobal('focus', focus);
    notifier.notify({ title: 'Bo', body: '<b>hi</b>', tag: 'confab:r', roomId: 'r', messageId: 'm', onClick });
    const [shown] = FakeNotification.made;
    expect(shown?.title).toBe('Bo');
    expect(shown?.options).toMatchObject({ body: '<b>hi</b>', tag: 'confab:r', data: { roomId: 'r', messageId: 'm' } });
    shown?.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(shown?.closed).toBe(true);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('shows nothing, without throwing, where the constructor refuses (Chrome on Android)', () => {
    class Refusing extends FakeNotification {
      constructor(title: string, options: NotificationOptions) {
        super(title, options);
        throw new TypeError('Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.');
      }
    }
    Refusing.permission = 'granted';
    vi.stubGlobal('Notification', Refusing);
    expect(() => createBrowserNotifier().notify({ title: 'Bo', body: 'hi', tag: 't', roomId: 'r', messageId: 'm', onClick: () => {} })).not.toThrow();
  });
});
