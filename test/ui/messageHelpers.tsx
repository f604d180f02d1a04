import { act, render } from '@testing-library/react';
import { Profiler, useEffect, type ComponentType, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { ChatProvider, type ChatClient } from '../../src/react';
import type { TestChat } from '../../src/testing';
import { ChatUIProvider, type ChatUIOptions } from '../../src/ui/config';
import { RoomViewProvider, useRoomView, type ComposerHandle } from '../../src/ui/roomView';

/**
 * jsdom has no layout: Virtuoso gets a fixed viewport and row height from its mock context, and
 * the scrolling methods it calls (which jsdom lacks) just move scrollTop.
 */
export function stubScrolling(): void {
  const proto = Element.prototype as unknown as Record<string, unknown>;
  proto['scrollTo'] = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    // A browser reports the scroll with an event, which Virtuoso waits for.
    setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
  };
  proto['scrollBy'] = function scrollBy(this: HTMLElement, options?: ScrollToOptions) {
    this.scrollTop += options?.top ?? 0;
    setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
  };
  if (typeof globalThis.requestAnimationFrame !== 'function') {
    globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => setTimeout(() => callback(Date.now()), 0) as unknown as number;
  }
}

/** Lets everything on the simulated wire arrive, and React settle, inside act. */
export async function settle(chat: TestChat, work?: () => unknown): Promise<void> {
  await act(async () => {
    await work?.();
    await chat.settle();
    // Virtuoso keeps the list hidden until it has scrolled to its initial position, a few
    // animation frames later.
    for (let waited = 0; waited < 1000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!document.querySelector('[data-testid="virtuoso-item-list"][style*="visibility: hidden"]')) break;
    }
  });
}

export interface Rendered {
  container: HTMLElement;
  threadChanges: Array<string | null>;
  composer: { focused: number; edits: string[]; quotes: string[] };
  unmount(): void;
}

/** Renders `ui` for a connected client, inside the UI and room-view providers, in a 600 px viewport of 40 px rows. */
export function renderChat(client: ChatClient, ui: ReactNode, options: { roomId?: string; components?: ChatUIOptions['components']; itemHeight?: number } = {}): Rendered {
  const threadChanges: Array<string | null> = [];
  const composer = { focused: 0, edits: [] as string[], quotes: [] as string[] };
  const handle: ComposerHandle = {
    focus: () => composer.focused++,
    startEdit: (message) => composer.edits.push(message.id),
    startQuote: (message) => composer.quotes.push(message.id),
  };
  const roomId = options.roomId ?? 'general';
  const result = render(
    <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: options.itemHeight ?? 40 }}>
      <ChatProvider client={client}>
        <ChatUIProvider components={options.components} now={() => Date.now()}>
          <RoomViewProvider roomId={roomId} onThreadChange={(parentId) => threadChanges.push(parentId)}>
            <ComposerRegistrar handle={handle} />
            {ui}
          </RoomViewProvider>
        </ChatUIProvider>
      </ChatProvider>
    </VirtuosoMockContext.Provider>,
  );
  return { container: result.container, threadChanges, composer, unmount: result.unmount };
}

/** Stands in for a composer: records what the room view asks of it. */
function ComposerRegistrar({ handle }: { handle: ComposerHandle }): ReactNode {
  const view = useRoomView();
  useEffect(() => view?.registerComposer(handle, 'room'), [view, handle]);
  return null;
}

/**
 * Counts commits per key of a part passed through `components`: the part is wrapped in a
 * `Profiler`, which reports every render inside it, whether its parent re-rendered it or one of
 * its own subscriptions did.
 */
export function countingPart<P extends object>(Part: ComponentType<P>, keyOf: (props: P) => string): { Part: (props: P) => ReactNode; counts: Map<string, number>; total(): number } {
  const counts = new Map<string, number>();
  const onRender: ProfilerOnRenderCallback = (id) => counts.set(id, (counts.get(id) ?? 0) + 1);
  function Counted(props: P): ReactNode {
    return (
      <Profiler id={keyOf(props)} onRender={onRender}>
        <Part {...props} />
      </Profiler>
    );
  }
  return { Part: Counted, counts, total: () => [...counts.values()].reduce((sum, count) => sum + count, 0) };
}

/** Loads a room's whole history into a client, page after page. */
export async function loadAll(client: ChatClient, roomId: string): Promise<void> {
  for (let page = 0; page < 1000; page++) {
    const before = client.store.getState().timelines[roomId]?.covered[0]?.from;
    if (before === 1) return;
    await client.loadOlder(roomId);
  }
}
