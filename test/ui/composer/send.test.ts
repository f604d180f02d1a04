import { composerKeyAction, isComposing, sendState } from '../../../src/ui/composer/send';

const base = { text: 'hi', attachmentCount: 0, editing: false, uploadsBusy: false, byteCount: 2, byteLimit: 100, canSend: true };

describe('sendState', () => {
  it('sends a draft with text or files, not a blank one', () => {
    expect(sendState(base)).toMatchObject({ canSubmit: true, mayTry: true, blank: false });
    expect(sendState({ ...base, text: '  ', canSend: false })).toMatchObject({ blank: true, mayTry: false, canSubmit: false });
    expect(sendState({ ...base, text: '', attachmentCount: 1 })).toMatchObject({ blank: false, mayTry: true });
  });

  it('shows the counter from 80 % of the limit and refuses above it', () => {
    expect(sendState({ ...base, byteCount: 79 })).toMatchObject({ near: false, over: false });
    expect(sendState({ ...base, byteCount: 80 })).toMatchObject({ near: true, over: false, canSubmit: true });
    expect(sendState({ ...base, byteCount: 100 })).toMatchObject({ over: false, canSubmit: true });
    expect(sendState({ ...base, byteCount: 101 })).toMatchObject({ near: true, over: true, canSubmit: false, mayTry: false });
  });

  it('waits for uploads, except when editing (an edit changes text only)', () => {
    expect(sendState({ ...base, uploadsBusy: true })).toMatchObject({ waitingForUploads: true, canSubmit: false, mayTry: false });
    expect(sendState({ ...base, uploadsBusy: true, editing: true })).toMatchObject({ waitingForUploads: false, canSubmit: true });
  });

  it('lets a blank edit be tried, so the client says why it is refused', () => {
    expect(sendState({ ...base, text: '', editing: true, canSend: false })).toMatchObject({ mayTry: true, canSubmit: false });
  });
});

describe('composerKeyAction', () => {
  const key = (name: string, extra: Partial<{ shiftKey: boolean; altKey: boolean; composing: boolean }> = {}) => ({ key: name, shiftKey: false, altKey: false, composing: false, ...extra });
  const plain = { editing: false, quoting: false };

  it('sends on Enter; Shift+Enter, Alt+Enter and an IME composition do not', () => {
    expect(composerKeyAction(key('Enter'), plain)).toBe('send');
    expect(composerKeyAction(key('Enter', { shiftKey: true }), plain)).toBeNull();
    expect(composerKeyAction(key('Enter', { altKey: true }), plain)).toBeNull();
    expect(composerKeyAction(key('Enter', { composing: true }), plain)).toBeNull();
    expect(composerKeyAction(key('a'), plain)).toBeNull();
  });

  it('leaves edit mode, else quote mode, on Escape', () => {
    expect(composerKeyAction(key('Escape'), { editing: true, quoting: true })).toBe('cancel-edit');
    expect(composerKeyAction(key('Escape'), { editing: false, quoting: true })).toBe('cancel-quote');
    expect(composerKeyAction(key('Escape'), plain)).toBeNull();
  });

  it('knows an IME key by isComposing or by keyCode 229', () => {
    expect(isComposing({ nativeEvent: { isComposing: true }, keyCode: 13 })).toBe(true);
    expect(isComposing({ nativeEvent: {}, keyCode: 229 })).toBe(true);
    expect(isComposing({ nativeEvent: { isComposing: false }, keyCode: 13 })).toBe(false);
  });
});
