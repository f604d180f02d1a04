/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError } from '../protocol';
import { sameKey } from './admin/router';
import { sendError } from './http';
// Only the type: prom-client stays unloaded until the host listens with an admin key.
import type { HostMetrics } from './metrics';

/**
 * `GET /metrics`: Prometheus text, for a scraper holding the admin key (`bearer_token` in its
 * scrape config); like the admin API, never for a browser.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, adminKey: string, metrics: HostMetrics): Promise<void> {
  if (req.headers.origin !== undefined) throw new ChatError('forbidden', 'The metrics are for your scraper; browsers may not read them.');
  if (req.method !== 'GET') {
    sendError(res, new ChatError('invalid', 'Use GET /metrics.'), { allow: 'GET' }, 405);
    return;
  }
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!given || !sameKey(given, adminKey)) {
    sendError(res, new ChatError('unauthorized', 'Send the admin key as "Authorization: Bearer <key>".'), { 'www-authenticate': 'Bearer' });
    return;
  }
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
