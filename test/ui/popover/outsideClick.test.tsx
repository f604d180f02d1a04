// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useOutsideClick } from '../../../src/ui/popover';

afterEach(() => cleanup());

const tick = () => act(() => new Promise((done) => setTimeout(done, 0)));

function Watched({ onOutside, children }: { onOutside: () => void; children?: ReactNode }) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  useOutsideClick(element, onOutside);
  return (
    <div ref={setElement} data-testid="watched">
      {children}
      <button type="button">inside</button>
    </div>
  );
}

describe('useOutsideClick', () => {
  it('is not closed by the click that mounted it, even when it mounts while that click is on its way to the document', async () => {
    const onOutside = vi.fn();
    const host = document.body.appendChild(document.createElement('div'));
    const opener = document.body.appendChild(document.createElement('button'));
    const root = createRoot(host);
    // As React does for a discrete event: the popover commits, effects included, inside the click.
    opener.addEventListener('click', () => flushSync(() => root.render(<Watched onOutside={onOutside} />)));
    act(() => opener.click());
    expect(host.querySelector('[data-testid="watched"]')).not.toBeNull();
    await tick();
    expect(onOutside).not.toHaveBeenCalled();
    // The next click outside is one.
    act(() => opener.click());
    expect(onOutside).toHaveBeenCalledTimes(1);
    act(() => root.unmount());
    host.remove();
    opener.remove();
  });

  it('tells clicks inside from clicks outside, through a shadow root, and stops listening once unmounted', async () => {
    const onOutside = vi.fn();
    const host = document.body.appendChild(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    const container = shadow.appendChild(document.createElement('div'));
    const outside = shadow.appendChild(document.createElement('button'));
    const { getByText, unmount } = render(<Watched onOutside={onOutside} />, { container });
    await tick();
    act(() => getByText('inside').click());
    expect(onOutside).not.toHaveBeenCalled();
    act(() => outside.click());
    act(() => document.body.click());
    expect(onOutside).toHaveBeenCalledTimes(2);
    unmount();
    act(() => document.body.click());
    expect(onOutside).toHaveBeenCalledTimes(2);
    host.remove();
  });
});
