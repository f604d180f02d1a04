// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import type { ClipboardEvent, DragEvent } from 'react';
import { hasFiles, pastedImages, useFileDrop } from '../../../src/ui/composer/fileDrop';

const png = new File(['png'], 'shot.png', { type: 'image/png' });
const pdf = new File(['pdf'], 'report.pdf', { type: 'application/pdf' });

/** The parts of a drag or paste event the hook reads. */
function dragEvent(types: string[], files: File[] = []) {
  return { dataTransfer: { types, files, dropEffect: 'none' }, preventDefault: vi.fn() } as unknown as DragEvent<HTMLElement> & { preventDefault: ReturnType<typeof vi.fn> };
}
function pasteEvent(types: string[], files: File[]) {
  return { clipboardData: { types, files }, preventDefault: vi.fn() } as unknown as ClipboardEvent<HTMLElement> & { preventDefault: ReturnType<typeof vi.fn> };
}

describe('what a drag or a paste carries', () => {
  it('tells files from text and links', () => {
    expect(hasFiles({ types: ['Files'] })).toBe(true);
    expect(hasFiles({ types: ['text/plain', 'text/uri-list'] })).toBe(false);
    expect(hasFiles(null)).toBe(false);
  });

  it('takes the images of a paste, and says whether its text pastes too', () => {
    expect(pastedImages({ types: ['Files'], files: [png, pdf] } as unknown as DataTransfer)).toEqual({ images: [png], pasteText: false });
    expect(pastedImages({ types: ['text/plain', 'Files'], files: [png] } as unknown as DataTransfer)).toEqual({ images: [png], pasteText: true });
    expect(pastedImages(null)).toEqual({ images: [], pasteText: false });
  });
});

describe('useFileDrop', () => {
  it('shows the drop zone while files are over it, through child elements, and hands over dropped files', () => {
    const onFiles = vi.fn();
    const { result } = renderHook(() => useFileDrop({ enabled: true, onFiles }));
    const enter = dragEvent(['Files']);
    act(() => result.current.zone.onDragEnter(enter));
    expect(enter.preventDefault).toHaveBeenCalled();
    expect(result.current.dragging).toBe(true);
    // Into a child and out of it again: still over the zone.
    act(() => result.current.zone.onDragEnter(dragEvent(['Files'])));
    act(() => result.current.zone.onDragLeave());
    expect(result.current.dragging).toBe(true);
    const over = dragEvent(['Files']);
    act(() => result.current.zone.onDragOver(over));
    expect(over.dataTransfer.dropEffect).toBe('copy');
    act(() => result.current.zone.onDragLeave());
    expect(result.current.dragging).toBe(false);

    act(() => result.current.zone.onDragEnter(dragEvent(['Files'])));
    const drop = dragEvent(['Files'], [png, pdf]);
    act(() => result.current.zone.onDrop(drop));
    expect(result.current.dragging).toBe(false);
    expect(drop.preventDefault).toHaveBeenCalled();
    expect(onFiles).toHaveBeenCalledWith([png, pdf]);
  });

  it('ignores dragged text, and everything while attaching is off', () => {
    const onFiles = vi.fn();
    const { result, rerender } = renderHook(({ enabled }) => useFileDrop({ enabled, onFiles }), { initialProps: { enabled: true } });
    const text = dragEvent(['text/plain']);
    act(() => result.current.zone.onDragEnter(text));
    expect(text.preventDefault).not.toHaveBeenCalled();
    expect(result.current.dragging).toBe(false);
    rerender({ enabled: false });
    act(() => result.current.zone.onDragEnter(dragEvent(['Files'])));
    expect(result.current.dragging).toBe(false);
    const drop = dragEvent(['Files'], [png]);
    act(() => result.current.zone.onDrop(drop));
    expect(drop.preventDefault).not.toHaveBeenCalled();
    act(() => result.current.onPaste(pasteEvent(['Files'], [png])));
    expect(onFiles).not.toHaveBeenCalled();
  });

  it('attaches pasted images; a screenshot alone pastes no text, a copied picture keeps its text', () => {
    const onFiles = vi.fn();
    const { result } = renderHook(() => useFileDrop({ enabled: true, onFiles }));
    const screenshot = pasteEvent(['Files'], [png]);
    act(() => result.current.onPaste(screenshot));
    expect(screenshot.preventDefault).toHaveBeenCalled();
    const withText = pasteEvent(['text/plain', 'Files'], [png]);
    act(() => result.current.onPaste(withText));
    expect(withText.preventDefault).not.toHaveBeenCalled();
    const plain = pasteEvent(['text/plain'], []);
    act(() => result.current.onPaste(plain));
    expect(onFiles).toHaveBeenCalledTimes(2);
  });
});
