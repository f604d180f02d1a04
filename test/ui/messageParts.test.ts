// One toolbar at a time: the rules of the toolbar owner, without a DOM.
import { createToolbarOwner, nextToolbar, type ToolbarState } from '../../src/ui/messageParts';

const none: ToolbarState = { owner: null, keyboard: false, held: false };

describe('nextToolbar', () => {
  it('moves with the pointer from message to message, and closes when it leaves', () => {
    const a = nextToolbar(none, { type: 'enter', id: 'a' });
    const b = nextToolbar(a, { type: 'enter', id: 'b' });
    expect(b.owner).toBe('b');
    // Leaving a message that no longer owns it changes nothing.
    expect(nextToolbar(b, { type: 'leave', id: 'a' })).toBe(b);
    expect(nextToolbar(b, { type: 'leave', id: 'b' }).owner).toBeNull();
  });

  it('keeps a keyboard-focused toolbar while the pointer passes over others, until focus leaves', () => {
    const focused = nextToolbar(none, { type: 'focus', id: 'a' });
    expect(nextToolbar(focused, { type: 'enter', id: 'b' })).toBe(focused);
    expect(nextToolbar(focused, { type: 'leave', id: 'a' })).toBe(focused);
    expect(nextToolbar(focused, { type: 'blur', id: 'a', hovered: false }).owner).toBeNull();
    expect(nextToolbar(focused, { type: 'blur', id: 'a', hovered: true })).toEqual({ owner: 'a', keyboard: false, held: false });
  });

  it('holds the toolbar of an open picker when the pointer leaves, and closes it on release', () => {
    const held = nextToolbar(nextToolbar(none, { type: 'enter', id: 'a' }), { type: 'hold', id: 'a', held: true, hovered: true });
    expect(nextToolbar(held, { type: 'leave', id: 'a' })).toBe(held);
    expect(nextToolbar(held, { type: 'enter', id: 'b' })).toBe(held);
    expect(nextToolbar(held, { type: 'hold', id: 'a', held: false, hovered: false }).owner).toBeNull();
    expect(nextToolbar(held, { type: 'hold', id: 'a', held: false, hovered: true }).owner).toBe('a');
  });
});

describe('createToolbarOwner', () => {
  it('notifies subscribers only when the state changes', () => {
    const owner = createToolbarOwner();
    let calls = 0;
    const stop = owner.subscribe(() => calls++);
    owner.dispatch({ type: 'enter', id: 'a' });
    owner.dispatch({ type: 'enter', id: 'a' });
    owner.dispatch({ type: 'leave', id: 'b' });
    expect(calls).toBe(1);
    expect(owner.get().owner).toBe('a');
    stop();
    owner.dispatch({ type: 'leave', id: 'a' });
    expect(calls).toBe(1);
  });
});
