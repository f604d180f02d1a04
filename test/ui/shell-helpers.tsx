import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ChatProvider, type ChatClient } from '../../src/react';
import { createTestChat, type TestChat, type TestChatOptions } from '../../src/testing';

/** A test chat with Ana connected, and a wrapper providing her client. `chat.close()` after each test. */
export async function connectAna(options: TestChatOptions = {}): Promise<{ chat: TestChat; ana: ChatClient; Wrapper: (props: { children?: ReactNode }) => ReactNode }> {
  const chat = createTestChat(options);
  const ana = await chat.connect('ana');
  await chat.settle();
  const Wrapper = ({ children }: { children?: ReactNode }) => <ChatProvider client={ana}>{children}</ChatProvider>;
  return { chat, ana, Wrapper };
}

/** Lets everything on the simulated wire arrive, inside act. */
export async function settle(chat: TestChat, work?: () => unknown): Promise<void> {
  await act(async () => {
    await work?.();
    await chat.settle();
  });
}

/** Replaces ResizeObserver with one that reports a fixed width; returns a function that changes it. */
export function mockResizeObserver(initialWidth: number): { resize(width: number): void; restore(): void } {
  const observers = new Set<{ callback: ResizeObserverCallback; elements: Set<Element>; self: ResizeObserver }>();
  let width = initialWidth;
  const original = globalThis.ResizeObserver;
  class FakeResizeObserver {
    private record: { callback: ResizeObserverCallback; elements: Set<Element>; self: ResizeObserver };
    constructor(callback: ResizeObserverCallback) {
      this.record = { callback, elements: new Set(), self: this as unknown as ResizeObserver };
      observers.add(this.record);
    }
    observe(element: Element) {
      this.record.elements.add(element);
      this.fire(element);
    }
    unobserve(element: Element) {
      this.record.elements.delete(element);
    }
    disconnect() {
      observers.delete(this.record);
    }
    fire(element: Element) {
      const entry = { target: element, contentRect: { width, height: 600 } } as unknown as ResizeObserverEntry;
      this.record.callback([entry], this.record.self);
    }
  }
  globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  return {
    resize(next) {
      width = next;
      act(() => {
        for (const record of observers) {
          for (const element of record.elements) record.callback([{ target: element, contentRect: { width, height: 600 } } as unknown as ResizeObserverEntry], record.self);
        }
      });
    },
    restore() {
      globalThis.ResizeObserver = original;
    },
  };
}
