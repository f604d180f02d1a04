import type { ReactNode } from 'react';
import { useStreamControl, type Message } from '../react';
import { useStrings } from './config';

/**
 * Props of {@link StreamingStatus}.
 *
 * @example
 * const props: StreamingStatusProps = { roomId: 'general', message };
 */
export interface StreamingStatusProps {
  roomId: string;
  /** A streamed message (one with `streaming`); nothing shows once it completed. */
  message: Message;
}

/**
 * Under a streamed message: "Thinking…" before its first piece, "Generating…" while it grows,
 * with a Stop button for the person who asked for it (and the room's admins and its author), and
 * "Stopped" when it was stopped. A completed message shows nothing: it is a normal message. The
 * state is `data-streaming` (`generating`, `stopped`).
 *
 * @example
 * {message.streaming && <StreamingStatus roomId={roomId} message={message} />}
 */
export function StreamingStatus({ roomId, message }: StreamingStatusProps): ReactNode {
  const strings = useStrings();
  const { canStop, stop } = useStreamControl(roomId, message);
  const state = message.streaming?.state;
  if (state === 'stopped') {
    return (
      <div className="confab-streaming" data-streaming="stopped">
        {strings.streamingStopped}
      </div>
    );
  }
  if (state !== 'generating') return null;
  return (
    <div className="confab-streaming" data-streaming="generating">
      <span className="confab-streaming-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span className="confab-streaming-label" role="status">
        {message.text === '' ? strings.streamingThinking : strings.streamingGenerating}
      </span>
      {canStop && (
        <button type="button" className="confab-streaming-stop" onClick={() => void stop().catch(() => {})}>
          {strings.stopStreaming}
        </button>
      )}
    </div>
  );
}
