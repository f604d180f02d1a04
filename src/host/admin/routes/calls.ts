import type { CommandOf, CommandType, Outcome, ResultOf } from '../../../protocol';
import type { AdminCall } from './types';

/** The value of a server outcome, or its typed error thrown. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** Runs a command as the system (no member needs to act), answering its value or throwing its typed error. */
export async function system<T extends CommandType>(call: AdminCall, command: CommandOf<T>): Promise<ResultOf<T>> {
  return valueOf(await call.server.actAsSystem(command));
}
