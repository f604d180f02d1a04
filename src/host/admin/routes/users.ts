import type * as v from 'valibot';
import { ChatError } from '../../../protocol';
import { DeletedUserSchema, TokenInputSchema, TokenSchema, UserInputSchema, UserListQuerySchema, UserListSchema, UserSchema } from '../schemas';
import type { AdminRoute } from './types';

// People: create or update, get, list, sign a client token for, and delete (with their uploads and sessions).

export const upsertUserRoute: AdminRoute = {
  method: 'PUT',
  path: '/users/{id}',
  tag: 'Users',
  summary: 'Create or update a person (name, avatar, custom data)',
  body: UserInputSchema,
  response: UserSchema,
  async handle({ server, params, body }) {
    const input = body as v.InferOutput<typeof UserInputSchema>;
    return server.upsertUser({ id: params.id as string, ...input });
  },
};

export const getUserRoute: AdminRoute = {
  method: 'GET',
  path: '/users/{id}',
  tag: 'Users',
  summary: 'Get a person',
  response: UserSchema,
  async handle({ server, params }) {
    const user = await server.getUser(params.id as string);
    if (!user) throw new ChatError('not_found', `There is no user with id "${params.id}".`);
    return user;
  },
};

export const listUsersRoute: AdminRoute = {
  method: 'GET',
  path: '/users',
  tag: 'Users',
  summary: 'List people by id, a page at a time (`next` is the `after` of the next page)',
  query: UserListQuerySchema,
  response: UserListSchema,
  async handle({ server, query }) {
    const { after, limit = 100 } = query as v.InferOutput<typeof UserListQuerySchema>;
    const users = await server.listUsers({ ...(after !== undefined ? { afterId: after } : {}), limit });
    const last = users.at(-1);
    return users.length === limit && last ? { users, next: last.id } : { users };
  },
};

export const signUserTokenRoute: AdminRoute = {
  method: 'POST',
  path: '/users/{id}/tokens',
  tag: 'Users',
  summary: 'Sign a client token for a person (default lifetime one hour)',
  body: TokenInputSchema,
  response: TokenSchema,
  status: 201,
  async handle({ server, params, body, signToken }) {
    const userId = params.id as string;
    if (!(await server.getUser(userId))) throw new ChatError('not_found', `There is no user with id "${userId}"; create them first with PUT /admin/v1/users/${userId}.`);
    const { ttlSeconds = 3600 } = (body ?? {}) as v.InferOutput<typeof TokenInputSchema>;
    return { userId, ...(await signToken(userId, ttlSeconds)) };
  },
};

export const deleteUserRoute: AdminRoute = {
  method: 'DELETE',
  path: '/users/{id}',
  tag: 'Users',
  summary: 'Delete a person: they leave every room, their messages become "deleted user" tombstones, their uploads, blocks and sessions go',
  response: DeletedUserSchema,
  async handle({ server, params, files, endSessions }) {
    const userId = params.id as string;
    const deleted = await server.deleteUser(userId);
    endSessions?.(userId);
    const fileIds = (await files?.filesOfUploader(userId)) ?? [];
    for (const id of fileIds) await files?.remove(id);
    return { ...deleted, files: fileIds.length };
  },
};
