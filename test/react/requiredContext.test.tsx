// @vitest-environment jsdom
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ConfabContextError, createRequiredContext } from '../../src/react';

afterEach(cleanup);

describe('createRequiredContext', () => {
  const Theme = createRequiredContext<{ color: string } | null>('ThemeRoot', 'wrap it in <ThemeRoot theme={theme}>.');
  const inside = ({ children }: { children: ReactNode }) => <Theme.Provider value={{ color: 'teal' }}>{children}</Theme.Provider>;

  it('hands a part its root’s value inside the root', () => {
    function Swatch() {
      return <p>{Theme.use('<Swatch>')?.color}</p>;
    }
    render(
      <Theme.Provider value={{ color: 'teal' }}>
        <Swatch />
      </Theme.Provider>,
    );
    expect(screen.getByText('teal')).toBeTruthy();
    expect(renderHook(() => Theme.use(), { wrapper: inside }).result.current).toEqual({ color: 'teal' });
  });

  it('throws a ConfabContextError naming the part and the root outside it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let caught: unknown;
    try {
      renderHook(() => Theme.use('<Swatch>'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfabContextError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as ConfabContextError;
    expect(error.name).toBe('ConfabContextError');
    expect(error.message).toBe('<Swatch> must be used inside <ThemeRoot>: wrap it in <ThemeRoot theme={theme}>.');
    expect([error.part, error.root]).toEqual(['<Swatch>', 'ThemeRoot']);
  });

  it('returns undefined outside the root when no part is named (parts that also work alone)', () => {
    expect(renderHook(() => Theme.use()).result.current).toBeUndefined();
  });

  it('counts a root that provides null as present: only a missing root is an error', () => {
    const wrapper = ({ children }: { children: ReactNode }) => <Theme.Provider value={null}>{children}</Theme.Provider>;
    expect(renderHook(() => Theme.use('<Swatch>'), { wrapper }).result.current).toBeNull();
  });

  it('ends the message with a full stop when there is no hint', () => {
    const Bare = createRequiredContext<number>('Counter');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => Bare.use('useCount'))).toThrow(/^useCount must be used inside <Counter>\.$/);
  });
});
