/**
 * What Virtuoso renders: one row per item (each reads its own message from the store, so only
 * the affected row re-renders), and the list's header and footer.
 */
import { memo, type ComponentType, type ReactNode } from 'react';
import { useRoom, type PendingMessage, type SequenceRange } from '../../react';
import { useStrings } from '../config';
import { withNames } from '../format/bidi';
import type { GapMarkerProps } from '../GapMarker';
import type { MessageProps } from '../Message';
import type { ReadReceiptsProps } from '../ReadReceipts';
import { useRoomDisplay } from '../roomName';
import type { DateSeparatorProps, UnreadSeparatorProps } from '../Separators';
import type { MessageListItem } from './items';

/**
 * The replaceable parts rows are drawn with (the defaults, or those given in `components`).
 *
 * @example
 * const parts: RowParts = { Message, ReadReceipts, DateSeparator, UnreadSeparator, GapMarker };
 */
export interface RowParts {
  Message: ComponentType<MessageProps>;
  ReadReceipts: ComponentType<ReadReceiptsProps>;
  DateSeparator: ComponentType<DateSeparatorProps>;
  UnreadSeparator: ComponentType<UnreadSeparatorProps>;
  GapMarker: ComponentType<GapMarkerProps>;
}

/**
 * What the list hands its rows and header through Virtuoso's context.
 *
 * @example
 * <Virtuoso context={context} itemContent={renderItem} components={VIRTUOSO_COMPONENTS} />
 */
export interface ListContext {
  roomId: string;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadingGap: boolean;
  olderFailed: boolean;
  /** When the first row was written: its day heads the list. */
  firstTimestamp: number | undefined;
  loadOlder(): void;
  fillGap(gap: SequenceRange): void;
  parts: RowParts;
  /** The message just jumped to, marked for a moment (null: none). */
  highlightedSequence: number | null;
}

/** A confirmed message and, under it, who has read this far. Memoized: it re-renders only for its own message. */
const MessageRow = memo(function MessageRow({
  roomId,
  sequence,
  grouped,
  highlighted,
  parts,
}: {
  roomId: string;
  sequence: number;
  grouped: boolean;
  highlighted: boolean;
  parts: RowParts;
}): ReactNode {
  return (
    <div className="confab-message-row" data-highlighted={highlighted ? '' : undefined}>
      <parts.Message roomId={roomId} sequence={sequence} grouped={grouped} />
      <parts.ReadReceipts roomId={roomId} sequence={sequence} />
    </div>
  );
});

const PendingRow = memo(function PendingRow({ roomId, pending, grouped, parts }: { roomId: string; pending: PendingMessage; grouped: boolean; parts: RowParts }): ReactNode {
  return (
    <div className="confab-message-row">
      <parts.Message roomId={roomId} pending={pending} grouped={grouped} />
    </div>
  );
});

/**
 * Virtuoso's `itemContent`: draws one item.
 *
 * @example
 * <Virtuoso itemContent={renderItem} />
 */
export function renderItem(_index: number, item: MessageListItem, context: ListContext): ReactNode {
  const { parts } = context;
  switch (item.kind) {
    case 'message':
      return <MessageRow roomId={context.roomId} sequence={item.sequence} grouped={item.grouped} highlighted={context.highlightedSequence === item.sequence} parts={parts} />;
    case 'pending':
      return <PendingRow roomId={context.roomId} pending={item.pending} grouped={item.grouped} parts={parts} />;
    case 'date':
      return <parts.DateSeparator timestamp={item.timestamp} />;
    case 'unread':
      return <parts.UnreadSeparator />;
    case 'gap':
      return <parts.GapMarker gap={item.gap} loading={context.loadingGap} onLoad={context.fillGap} />;
  }
}

/** Virtuoso's `computeItemKey`: the item's own key, stable across prepends. */
export const itemKey = (_index: number, item: MessageListItem): string => item.key;

/** "This is the beginning of …", naming the room, or the other person of a direct room. */
function Beginning({ roomId }: { roomId: string }): ReactNode {
  const strings = useStrings();
  const { name } = useRoomDisplay(useRoom(roomId));
  return withNames(strings.beginningOfRoom, name);
}

/**
 * The top of the list: loading older messages, a retry after a failure, or the beginning of the
 * room, over the first day's heading. One height whatever it shows, so that older history
 * arriving under it keeps the reader's place.
 */
function ListHeader({ context }: { context: ListContext }): ReactNode {
  const strings = useStrings();
  const { DateSeparator: DatePart } = context.parts;
  const state = context.loadingOlder ? 'loading' : context.olderFailed && context.hasOlder ? 'failed' : context.hasOlder ? 'more' : 'beginning';
  return (
    <div className="confab-message-list-header" data-state={state}>
      <div className="confab-message-list-status" role={state === 'loading' ? 'status' : undefined}>
        {state === 'loading' && (
          <>
            <span className="confab-spinner" aria-hidden="true" />
            {strings.loadingOlder}
          </>
        )}
        {state === 'failed' && (
          <button type="button" className="confab-message-list-load-older" onClick={context.loadOlder}>
            {strings.loadOlder}
          </button>
        )}
        {state === 'beginning' && <Beginning roomId={context.roomId} />}
      </div>
      {context.firstTimestamp !== undefined && <DatePart timestamp={context.firstTimestamp} />}
    </div>
  );
}

function ListFooter(): ReactNode {
  return <div className="confab-message-list-footer" />;
}

/** Virtuoso's `components`: the header and footer above. */
export const VIRTUOSO_COMPONENTS = { Header: ListHeader, Footer: ListFooter };
