import type * as v from 'valibot';
import { ExportQuerySchema, ExportRecordSchema, ImportSummarySchema } from '../schemas';
import type { AdminRoute } from './types';

// Export and import of a server's data as NDJSON.

export const exportDataRoute: AdminRoute = {
  method: 'GET',
  path: '/export',
  tag: 'Data',
  summary:
    'Export everything, one room (`roomId`) or one person (`userId`) as NDJSON, streamed: a meta line, then users, each room with its messages in sequence order, blocks and direct pairs',
  query: ExportQuerySchema,
  response: ExportRecordSchema,
  ndjsonResponse: true,
  async handle({ server, query }) {
    const { roomId, userId } = query as v.InferOutput<typeof ExportQuerySchema>;
    return server.exportData(roomId !== undefined ? { roomId } : userId !== undefined ? { userId } : { all: true });
  },
};

export const importDataRoute: AdminRoute = {
  method: 'POST',
  path: '/import',
  tag: 'Data',
  summary: 'Import an export (NDJSON) into this server, which must be empty; all or nothing, a bad line answers 400 with its number',
  response: ImportSummarySchema,
  ndjsonBody: true,
  status: 201,
  async handle({ server, lines }) {
    return server.importData(lines ?? []);
  },
};
