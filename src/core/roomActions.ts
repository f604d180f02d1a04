import type { CustomData, Role, Room, RoomSearchPage } from '../protocol';
import { orThrow, updateState, type ClientContext } from './clientContext';
import type { MemberPages } from './memberPages';
import { checkCustomDataSize, checkRoomName, withoutInvitation, withRoom } from './store';
import { forgetRoom } from './store/events';

/**
 * Which page of the public room directory to ask for (`room.listPublic`).
 *
 * @example
 * const next = await client.listPublicRooms({ afterId: rooms.at(-1)?.id, limit: 20, nameContains: 'design' });
 */
export interface PublicRoomsQuery {
  /** The page after this room id (ids ascending); the first page without it. */
  afterId?: string;
  /** Rooms a page; the server gives at most 100 (and 100 when absent). */
  limit?: number;
  /** Only rooms whose name contains this, ignoring case. */
  nameContains?: string;
}

/**
 * A ChatClient's commands on rooms and their members: creating, changing and deleting rooms,
 * joining and leaving, members and roles, invitations, direct rooms and the public directory.
 * Each room the server answers is folded into the store at once, so the room list changes
 * without waiting for the event.
 */
export class RoomActions {
  constructor(
    private readonly ctx: ClientContext,
    /** Loaded member pages lose the people removed, without waiting for the event. */
    private readonly members: MemberPages,
  ) {}

  private keep(room: Room): Room {
    updateState(this.ctx.store, (state) => ({ rooms: withRoom(state.rooms, room) }));
    return room;
  }

  private forget(roomId: string): void {
    updateState(this.ctx.store, (state) => forgetRoom(state, roomId));
  }

  private forgetInvitation(roomId: string): void {
    updateState(this.ctx.store, (state) => ({ invitations: withoutInvitation(state.invitations, roomId) }));
  }

  /** The store's rules for a name and custom data, checked before anything is sent. */
  private checkPatch(patch: { name?: string; customData?: CustomData }): void {
    const { limits } = this.ctx.store.getState();
    if (patch.name !== undefined) orThrow(checkRoomName(patch.name, limits));
    orThrow(checkCustomDataSize(patch.customData, limits));
  }

  async create(input: { name: string; kind: 'public' | 'private'; memberIds?: string[]; customData?: CustomData }): Promise<Room> {
    this.checkPatch(input);
    return this.keep(await this.ctx.transport.request({ type: 'room.create', ...input }));
  }

  async update(roomId: string, patch: { name?: string; customData?: CustomData; topic?: string }): Promise<Room> {
    this.checkPatch(patch);
    return this.keep(await this.ctx.transport.request({ type: 'room.update', roomId, ...patch }));
  }

  async delete(roomId: string): Promise<void> {
    await this.ctx.transport.request({ type: 'room.delete', roomId });
    this.forget(roomId);
  }

  async join(roomId: string): Promise<Room> {
    return this.keep(await this.ctx.transport.request({ type: 'room.join', roomId }));
  }

  async leave(roomId: string): Promise<void> {
    await this.ctx.transport.request({ type: 'room.leave', roomId });
    this.forget(roomId);
  }

  async addMembers(roomId: string, userIds: string[]): Promise<Room> {
    return this.keep(await this.ctx.transport.request({ type: 'room.addMembers', roomId, userIds }));
  }

  async removeMembers(roomId: string, userIds: string[]): Promise<Room> {
    const room = this.keep(await this.ctx.transport.request({ type: 'room.removeMembers', roomId, userIds }));
    this.members.removed(roomId, userIds);
    return room;
  }

  async setRole(roomId: string, userId: string, role: Role): Promise<Room> {
    return this.keep(await this.ctx.transport.request({ type: 'room.setRole', roomId, userId, role }));
  }

  listPublic(query: PublicRoomsQuery = {}): Promise<Room[]> {
    return this.ctx.transport.request({ type: 'room.listPublic', ...query });
  }

  searchPublic(query: string, options: { after?: string; limit?: number } = {}): Promise<RoomSearchPage> {
    return this.ctx.transport.request({ type: 'room.searchPublic', query, ...options });
  }

  async acceptInvitation(roomId: string): Promise<Room> {
    const room = await this.ctx.transport.request({ type: 'invitation.accept', roomId });
    this.forgetInvitation(roomId);
    return this.keep(room);
  }

  async declineInvitation(roomId: string): Promise<void> {
    await this.ctx.transport.request({ type: 'invitation.decline', roomId });
    this.forgetInvitation(roomId);
  }

  async withdrawInvitation(roomId: string, userId: string): Promise<Room> {
    return this.keep(await this.ctx.transport.request({ type: 'invitation.withdraw', roomId, userId }));
  }

  async openDirect(userId: string): Promise<Room> {
    return this.keep(await this.ctx.transport.request({ type: 'direct.open', userId }));
  }
}
