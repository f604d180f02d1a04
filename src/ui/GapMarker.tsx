import { memo, type ReactNode } from 'react';
import type { SequenceRange } from '../react';
import { cx, useStrings } from './config';

/**
 * Props of {@link GapMarker}.
 *
 * @example
 * <GapMarker gap={{ from: 101, to: 240 }} loading={false} onLoad={(gap) => void fillGap(gap)} />
 */
export interface GapMarkerProps {
  /** The missing sequences, inclusive. */
  gap: SequenceRange;
  /** Whether a gap is being loaded now (the button waits meanwhile). */
  loading: boolean;
  /** Loads (a page of) the missing range. */
  onLoad(gap: SequenceRange): void;
  className?: string;
}

/**
 * Stands where the client is missing messages (after a reconnect that replayed only part of what
 * happened), says how many, and loads them on request. Its count is an upper bound: thread
 * replies and hidden messages also take sequences.
 *
 * @example
 * <GapMarker gap={gap} loading={loading === 'gap'} onLoad={fillGap} />
 */
export const GapMarker = memo(function GapMarker({ gap, loading, onLoad, className }: GapMarkerProps): ReactNode {
  const strings = useStrings();
  const count = Math.max(0, gap.to - gap.from + 1);
  return (
    <div className={cx('confab-gap-marker', className)} data-state={loading ? 'loading' : 'idle'} data-from={gap.from} data-to={gap.to}>
      <span className="confab-gap-marker-label">{strings.gap(count)}</span>
      <button type="button" className="confab-gap-marker-button" disabled={loading} aria-busy={loading} onClick={() => onLoad(gap)}>
        {loading ? strings.loading : strings.loadGap}
      </button>
    </div>
  );
});
