// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { useCanModerate, useMemberMute, useOpenReports, useSecondsLeft, type ChatClient } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { settle, setupAna } from './helpers';

let chat: TestChat;
let ana: ChatClient;
let wrapper: Awaited<ReturnType<typeof setupAna>>['wrapper'];
beforeEach(async () => {
  ({ chat, ana, wrapper } = await setupAna());
});
afterEach(() => {
  cleanup();
  chat.close();
  vi.useRealTimers();
});

describe('useMemberMute', () => {
  it('holds a member’s mute while it lasts and lets go of it on time', async () => {
    const { result } = renderHook(() => useMemberMute('general', 'bo'), { wrapper });
    expect(result.current).toBeUndefined();
    await settle(chat, () => ana.moderation.mute('general', 'bo', { durationMs: 2000, reason: 'Calm down' }));
    expect(result.current).toMatchObject({ by: 'ana', reason: 'Calm down' });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 2200)));
    expect(result.current).toBeUndefined();
  });
});

describe('useCanModerate and useOpenReports', () => {
  it('let an admin load the room’s queue, which follows new reports', async () => {
    expect(renderHook(() => useCanModerate('general'), { wrapper }).result.current).toBe(true);
    const { result } = renderHook(() => useOpenReports('general'), { wrapper });
    await settle(chat);
    expect(result.current).toMatchObject({ state: 'ready', reports: [] });
    const said = chat.say('bo', 'general', 'spam');
    await settle(chat, () => chat.server.actAs('chen', { type: 'report.create', roomId: 'general', messageId: said.id, reason: 'spam' }));
    expect(result.current.reports.map((report) => report.messageId)).toEqual([said.id]);
  });
});

describe('useSecondsLeft', () => {
  it('counts down whole seconds to a time, and is 0 without one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    const until = Date.now() + 2500;
    const { result, rerender } = renderHook(({ at }: { at: number | undefined }) => useSecondsLeft(at), { initialProps: { at: until as number | undefined } });
    expect(result.current).toBe(3);
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(result.current).toBe(2);
    await act(async () => vi.advanceTimersByTimeAsync(2000));
    expect(result.current).toBe(0);
    rerender({ at: undefined });
    expect(result.current).toBe(0);
  });
});
