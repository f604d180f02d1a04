import type { Limits } from '../../protocol';
import { DEFAULT_LIMITS } from '../../protocol';
import type { ConnectionStatus } from '../transport';

/**
 * Who is signed in, how the connection stands and the server's limits.
 *
 * @example
 * const { connection, me } = client.store.getState();
 */
export interface ConnectionSlice {
  connection: ConnectionStatus;
  /** The signed-in user's id, once a session has opened. */
  me: string | null;
  limits: Readonly<Limits>;
  /**
   * The server history the held messages belong to (`SessionSnapshot.epoch`), or null when the
   * server names none. A session with another epoch makes the client reload every room.
   */
  epoch: string | null;
}

export const initialConnection: ConnectionSlice = { connection: { state: 'connecting' }, me: null, limits: DEFAULT_LIMITS, epoch: null };

export const selectConnection = (state: ConnectionSlice): ConnectionStatus => state.connection;
export const selectMe = (state: ConnectionSlice): string | null => state.me;
export const selectLimits = (state: ConnectionSlice): Readonly<Limits> => state.limits;
export const selectIsOnline = (state: ConnectionSlice): boolean => state.connection.state === 'online';
