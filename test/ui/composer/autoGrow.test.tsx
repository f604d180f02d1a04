// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { useRef, useState } from 'react';
import { grownHeight, useAutoGrow, usePendingCaret } from '../../../src/ui/composer/autoGrow';

describe('grownHeight', () => {
  it('is the content height plus the borders', () => {
    expect(grownHeight({ scrollHeight: 66, offsetHeight: 42, clientHeight: 40 })).toBe(68);
    expect(grownHeight({ scrollHeight: 20, offsetHeight: 20, clientHeight: 20 })).toBe(20);
  });
});

describe('useAutoGrow and usePendingCaret', () => {
  it('resizes the text area to its content on each change, and puts the caret where asked once the text rendered', () => {
    let api: { setText(text: string): void; placeCaret(position: number): void } | undefined;
    function Probe() {
      const ref = useRef<HTMLTextAreaElement>(null);
      const [text, setText] = useState('one line');
      useAutoGrow(ref, text);
      const placeCaret = usePendingCaret(ref, text);
      api = { setText, placeCaret };
      return <textarea ref={ref} value={text} onChange={() => {}} />;
    }
    const { container } = render(<Probe />);
    const textarea = container.querySelector('textarea') as HTMLTextAreaElement;
    // jsdom has no layout: the content height follows the number of lines here.
    Object.defineProperty(textarea, 'scrollHeight', { configurable: true, get: () => textarea.value.split('\n').length * 20 + 16 });
    Object.defineProperty(textarea, 'offsetHeight', { configurable: true, get: () => 38 });
    Object.defineProperty(textarea, 'clientHeight', { configurable: true, get: () => 36 });
    act(() => api?.setText('one\ntwo\nthree'));
    expect(textarea.style.height).toBe(`${3 * 20 + 16 + 2}px`);
    act(() => {
      api?.placeCaret(3);
      api?.setText('one 🎉\ntwo\nthree');
    });
    expect(textarea.selectionStart).toBe(3);
    expect(textarea.selectionEnd).toBe(3);
  });
});
