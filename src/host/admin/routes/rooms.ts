import type * as v from 'valibot';
import { ChatError } from '../../../protocol';
import { DeletedRoomSchema, MembersInputSchema, RoleInputSchema, RoomInputSchema, RoomPatchSchema, RoomSchema } from '../schemas';
import { system } from './calls';
import type { AdminRoute } from './types';

// Rooms and their members, changed as the system (no member needs to act).

export const createRoomRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms',
  tag: 'Rooms',
  summary: 'Create a public or private room; its creator becomes its admin',
  body: RoomInputSchema,
  response: RoomSchema,
  status: 201,
  async handle({ server, body, limits }) {
    const input = body as v.InferOutput<typeof RoomInputSchema>;
    if ((input.memberIds?.length ?? 0) > limits.maxMembersPerRoom) throw new ChatError('too_large', `A room may have at most ${limits.maxMembersPerRoom} members.`);
    return server.createRoom(input);
  },
};

export const getRoomRoute: AdminRoute = {
  method: 'GET',
  path: '/rooms/{id}',
  tag: 'Rooms',
  summary: 'Get a room with its members',
  response: RoomSchema,
  async handle({ server, params }) {
    const room = await server.getRoom(params.id as string);
    if (!room) throw new ChatError('not_found', `There is no room with id "${params.id}".`);
    return room;
  },
};

export const updateRoomRoute: AdminRoute = {
  method: 'PATCH',
  path: '/rooms/{id}',
  tag: 'Rooms',
  summary: 'Rename a room or change its custom data',
  body: RoomPatchSchema,
  response: RoomSchema,
  async handle(call) {
    const patch = call.body as v.InferOutput<typeof RoomPatchSchema>;
    return system(call, { type: 'room.update', roomId: call.params.id as string, ...patch });
  },
};

export const deleteRoomRoute: AdminRoute = {
  method: 'DELETE',
  path: '/rooms/{id}',
  tag: 'Rooms',
  summary: 'Delete a room with its messages and files',
  response: DeletedRoomSchema,
  async handle(call) {
    return system(call, { type: 'room.delete', roomId: call.params.id as string });
  },
};

export const addMembersRoute: AdminRoute = {
  method: 'POST',
  path: '/rooms/{id}/members',
  tag: 'Rooms',
  summary: 'Add people to a room (at most 10 per request)',
  body: MembersInputSchema,
  response: RoomSchema,
  async handle(call) {
    const { userIds } = call.body as v.InferOutput<typeof MembersInputSchema>;
    return system(call, { type: 'room.addMembers', roomId: call.params.id as string, userIds });
  },
};

export const removeMemberRoute: AdminRoute = {
  method: 'DELETE',
  path: '/rooms/{id}/members/{userId}',
  tag: 'Rooms',
  summary: 'Remove a person from a room',
  response: RoomSchema,
  async handle(call) {
    return system(call, { type: 'room.removeMembers', roomId: call.params.id as string, userIds: [call.params.userId as string] });
  },
};

export const setMemberRoleRoute: AdminRoute = {
  method: 'PUT',
  path: '/rooms/{id}/members/{userId}',
  tag: 'Rooms',
  summary: "Set a member's role (admin or member)",
  body: RoleInputSchema,
  response: RoomSchema,
  async handle(call) {
    const { role } = call.body as v.InferOutput<typeof RoleInputSchema>;
    return system(call, { type: 'room.setRole', roomId: call.params.id as string, userId: call.params.userId as string, role });
  },
};
