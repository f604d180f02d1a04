import type * as v from 'valibot';
import { ChatError } from '../../../protocol';
import { collectStats } from '../../stats';
import { StatsQuerySchema, StatsSchema } from '../schemas';
import type { AdminRoute } from './types';

// Usage statistics.

export const getStatsRoute: AdminRoute = {
  method: 'GET',
  path: '/stats',
  tag: 'Statistics',
  summary: 'Messages and active people per UTC day for the last `days` days (default 30), and counts of people and rooms',
  query: StatsQuerySchema,
  response: StatsSchema,
  async handle(call) {
    if (!call.stats) throw new ChatError('unavailable', 'Statistics need a host that owns its storage.');
    const { days = 30 } = call.query as v.InferOutput<typeof StatsQuerySchema>;
    return collectStats(call.stats, { days, now: (call.now ?? Date.now)() });
  },
};
