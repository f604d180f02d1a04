import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';

/** Whether a drag carries files (not text or a link). */
export function hasFiles(transfer: Pick<DataTransfer, 'types'> | null): boolean {
  return transfer !== null && Array.from(transfer.types ?? []).includes('Files');
}

/**
 * What a paste brings to attach: its images, and whether its text should paste as usual too
 * (a picture copied from a page often comes with text; a screenshot comes alone).
 *
 * @example
 * pastedImages(event.clipboardData); // { images: [File], pasteText: false }
 */
export function pastedImages(data: Pick<DataTransfer, 'files' | 'types'> | null): { images: File[]; pasteText: boolean } {
  const images = Array.from(data?.files ?? []).filter((file) => file.type.startsWith('image/'));
  return { images, pasteText: Array.from(data?.types ?? []).includes('text/plain') };
}

/**
 * Options of {@link useFileDrop}.
 *
 * @example
 * useFileDrop({ enabled: canAttach, onFiles: uploads.add });
 */
export interface UseFileDropOptions {
  /** Whether files may be attached now (an upload adapter, not editing). */
  enabled: boolean;
  /** Called with dropped or pasted files. */
  onFiles(files: File[]): void;
}

/**
 * What {@link useFileDrop} returns: whether files are being dragged over, and the handlers to
 * spread on the drop zone and on the text area.
 *
 * @example
 * const drop = useFileDrop({ enabled, onFiles });
 * <form {...drop.zone} data-dragging={drop.dragging ? '' : undefined}><textarea onPaste={drop.onPaste} /></form>
 */
export interface FileDrop {
  dragging: boolean;
  zone: {
    onDragEnter(event: DragEvent<HTMLElement>): void;
    onDragOver(event: DragEvent<HTMLElement>): void;
    onDragLeave(): void;
    onDrop(event: DragEvent<HTMLElement>): void;
  };
  onPaste(event: ClipboardEvent<HTMLElement>): void;
}

/**
 * Files dropped on the composer or pasted into it (images only, as chat apps do). Drag events
 * fire for every child entered and left, so a depth count tells when the files really left.
 *
 * @example
 * const drop = useFileDrop({ enabled: canAttach, onFiles: (files) => uploads.add(files) });
 */
export function useFileDrop({ enabled, onFiles }: UseFileDropOptions): FileDrop {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  return {
    dragging,
    zone: {
      onDragEnter(event) {
        if (!enabled || !hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver(event) {
        if (!enabled || !hasFiles(event.dataTransfer)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave() {
        if (!dragging) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event) {
        depth.current = 0;
        setDragging(false);
        if (!enabled) return;
        const files = Array.from(event.dataTransfer?.files ?? []);
        if (files.length === 0) return;
        event.preventDefault();
        onFiles(files);
      },
    },
    onPaste(event) {
      if (!enabled) return;
      const { images, pasteText } = pastedImages(event.clipboardData);
      if (images.length === 0) return;
      if (!pasteText) event.preventDefault();
      onFiles(images);
    },
  };
}
