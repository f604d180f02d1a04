/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, toChatError } from '../../protocol';
import { sendError } from '../http';
import type { PreviewImages } from './images';

/** Browsers may keep a preview image this long: its link names its source, so it never changes meaning. */
const IMAGE_MAX_AGE_S = 24 * 60 * 60;

/**
 * The route `GET /previews/image/<signature>?src=<source>`: a preview's image, served by the host
 * (the signature proves the host made the link, so it is no open proxy). No credentials are
 * needed (`<img>` sends none, and the picture is the linked site's public one). Served with its
 * sniffed type, `nosniff`, a sandboxing CSP, `Cross-Origin-Resource-Policy: cross-origin` (the
 * widget shows it from another site) and a day of caching.
 *
 * @example
 * const route = createPreviewImageRoute(unfurler.images);
 * if (await route(req, res)) return;
 */
export function createPreviewImageRoute(images: PreviewImages): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (!url.pathname.startsWith(images.pathPrefix)) return false;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, new ChatError('invalid', 'Use GET for preview images.'), { allow: 'GET, HEAD' }, 405);
        return true;
      }
      const signature = url.pathname.slice(images.pathPrefix.length);
      const source = url.searchParams.get('src');
      if (!signature || source === null) throw new ChatError('not_found', 'There is no such preview image.');
      const image = await images.serve(signature, source);
      res.writeHead(200, {
        'content-type': image.type,
        'content-length': image.bytes.byteLength,
        'cache-control': `public, max-age=${IMAGE_MAX_AGE_S}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cross-origin-resource-policy': 'cross-origin',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : image.bytes);
    } catch (error) {
      const chatError = toChatError(error);
      // The linked site failing is not this request's fault, nor the host's: the image is just not there.
      sendError(res, chatError.code === 'forbidden' ? chatError : new ChatError('not_found', `The preview image is not available: ${chatError.message}`));
    }
    return true;
  };
}
