import { useMemo } from 'react';
import { useStore } from 'zustand';
import { roomCommands, selectRoom, type SlashCommandSpec } from '../core';
import { useClientFor } from './provider';

/**
 * The slash commands one may run in a room: the built-ins that fit it and the commands of the
 * bots in it (each with its argument help and description). The same array until the bots'
 * commands or the room change.
 *
 * @example
 * function CommandHelp({ roomId }: { roomId: string }) {
 *   const commands = useRoomCommands(roomId);
 *   return <ul>{commands.map((command) => <li key={command.name}>/{command.name} {command.args} — {command.description}</li>)}</ul>;
 * }
 */
export function useRoomCommands(roomId: string): readonly SlashCommandSpec[] {
  const { store } = useClientFor('useRoomCommands');
  const botCommands = useStore(store, (state) => state.botCommands);
  const room = useStore(store, (state) => selectRoom(state, roomId));
  return useMemo(() => roomCommands({ botCommands, rooms: room ? { [roomId]: room } : {} }, roomId), [botCommands, room, roomId]);
}
