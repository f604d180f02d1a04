// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { useIsMuted, useRoomSettings } from '../../src/react';
import { settle, setupAna } from './helpers';

afterEach(cleanup);

describe('useRoomSettings', () => {
  it('reads the room’s muting and level in effect, changes them, and re-renders for this room only', async () => {
    const { chat, ana, wrapper } = await setupAna();
    const dm = chat.directRoomId('ana', 'bo');
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return { general: useRoomSettings('general'), directMuted: useIsMuted(dm), direct: useRoomSettings(dm) };
      },
      { wrapper },
    );
    expect(result.current.general).toMatchObject({ muted: false, level: 'mentions' });
    expect(result.current.direct.level).toBe('all');

    await act(async () => {
      await result.current.general.setMuted(true);
    });
    expect(result.current.general.muted).toBe(true);
    await act(async () => {
      await result.current.direct.setLevel('none');
    });
    expect(result.current.direct.level).toBe('none');
    expect(result.current.directMuted).toBe(false);

    // A change in a room this component does not read leaves it alone.
    const before = renders;
    await settle(chat, () => ana.setRoomSettings('random', { muted: true }));
    expect(renders).toBe(before);
    chat.close();
  });
});
