import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../../src/protocol';
import { DEMO_AGENT, startDemo } from '../../src/widget/demo';
import { DEMO_ROOM } from '../../src/widget/options';

afterEach(() => vi.useRealTimers());

describe('widget demo mode', () => {
  it('the Assistant greets, then answers by streaming a couple of words at a time, ending as a normal message', () => {
    vi.useFakeTimers();
    const world = startDemo({ id: 'visitor', name: 'Visitor' });
    try {
      const events: ServerEvent[] = [];
      const visitor = world.server.connect('visitor', (event) => events.push(event));
      const asked = visitor.handle({ type: 'message.send', roomId: DEMO_ROOM, clientId: 'v1', text: 'How does this work?' });
      expect(asked.ok).toBe(true);
      vi.advanceTimersByTime(800);
      const started = events.find((event) => event.type === 'message.created' && event.message.authorId === DEMO_AGENT.id);
      expect(started).toMatchObject({ message: { text: '', streaming: { state: 'generating', requestedBy: 'visitor' } } });
      vi.advanceTimersByTime(10_000);
      const pieces = events.filter((event) => event.type === 'message.appended');
      expect(pieces.length).toBeGreaterThan(5);
      const ended = events.filter((event) => event.type === 'message.updated').at(-1);
      expect(ended).toMatchObject({ message: { streaming: { state: 'complete' } } });
      expect(ended?.type === 'message.updated' && ended.message.text).toMatch(/^Good question\. In a real setup/);
      expect(pieces.map((event) => (event.type === 'message.appended' ? event.piece : '')).join('')).toBe(ended?.type === 'message.updated' ? ended.message.text : '');
      visitor.close();
    } finally {
      world.stop();
    }
  });

  it('stops writing when the visitor presses Stop', () => {
    vi.useFakeTimers();
    const world = startDemo({ id: 'visitor', name: 'Visitor' });
    try {
      const events: ServerEvent[] = [];
      const visitor = world.server.connect('visitor', (event) => events.push(event));
      visitor.handle({ type: 'message.send', roomId: DEMO_ROOM, clientId: 'v1', text: 'Hello there' });
      vi.advanceTimersByTime(1500);
      const created = events.find((event) => event.type === 'message.created' && event.message.authorId === DEMO_AGENT.id);
      const messageId = created?.type === 'message.created' ? created.message.id : '';
      const stopped = visitor.handle({ type: 'message.stop', roomId: DEMO_ROOM, messageId });
      if (!stopped.ok) throw stopped.error;
      const textAtStop = stopped.value.text;
      expect(textAtStop.length).toBeGreaterThan(0);
      vi.advanceTimersByTime(10_000);
      const history = visitor.handle({ type: 'message.history', roomId: DEMO_ROOM });
      if (!history.ok) throw history.error;
      expect(history.value.messages.at(-1)).toMatchObject({ text: textAtStop, streaming: { state: 'stopped' } });
      visitor.close();
    } finally {
      world.stop();
    }
  });
});
