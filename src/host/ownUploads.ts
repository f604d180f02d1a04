/// <reference types="node" />
import type { IncomingMessage } from 'node:http';
import { ChatError } from '../protocol';
import type { FileStore } from './uploads';

/**
 * The names a client reached this host by: its Host header, and a proxy's X-Forwarded-Host
 * (behind a proxy that rewrites Host, set the uploads' `publicBaseUrl` or forward the host).
 *
 * @example
 * const hostNames = hostNamesOf(req); // ['chat.example.com']
 */
export function hostNamesOf(req: IncomingMessage): string[] {
  const forwarded = req.headers['x-forwarded-host'];
  const names = [req.headers.host, ...(Array.isArray(forwarded) ? forwarded : (forwarded ?? '').split(','))];
  return names.map((name) => (name ?? '').trim().toLowerCase()).filter((name) => name !== '');
}

/** Which attachment URLs are this host's own uploads; see {@link createOwnUploads}. */
export interface OwnUploads {
  /** The file id behind an attachment URL when it is one of this host's uploads (absolute or relative). */
  fileIdOf(url: string, attachmentId: string): string | undefined;
  /**
   * Attachments must be files this host stored for the same room: a URL from a user would make
   * every viewer's browser fetch it (from the embedding site with its cookies, or from a tracker
   * that learns their address). Answers the refusal, or undefined when the command may run.
   */
  refuseForeignAttachments(command: unknown, hostNames: readonly string[]): Promise<ChatError | undefined>;
}

/**
 * Recognises this host's own uploads among attachment URLs: `files` is the uploads' store (null
 * when uploads are off, and then no attachment is accepted), `publicBaseUrl` the address uploads
 * are answered under, if any.
 *
 * @example
 * const own = createOwnUploads(files, 'https://chat.example.com');
 * const refusal = await own.refuseForeignAttachments(command, hostNamesOf(req));
 */
export function createOwnUploads(files: FileStore | null, publicBaseUrl: string | undefined): OwnUploads {
  const uploadsBase = (publicBaseUrl ?? '').replace(/\/+$/, '');

  /**
   * True when `url` is where this host serves the upload `id`: `/uploads/<id>` as the upload
   * answered it (with `publicBaseUrl` when set), or made absolute against the address the client
   * connected to. Nothing else: no other host, no query, no credentials.
   */
  function isOwnUploadUrl(url: string, id: string, hostNames: readonly string[]): boolean {
    const path = `/uploads/${id}`;
    if (url === path || (uploadsBase !== '' && url === `${uploadsBase}${path}`)) return true;
    try {
      const parsed = new URL(url);
      return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && hostNames.includes(parsed.host) && parsed.pathname === path && parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
    } catch {
      return false;
    }
  }

  return {
    fileIdOf(url, attachmentId) {
      try {
        const path = new URL(url, 'http://host.invalid').pathname;
        return path === `/uploads/${attachmentId}` || url === `${uploadsBase}/uploads/${attachmentId}` ? attachmentId : undefined;
      } catch {
        return undefined;
      }
    },
    async refuseForeignAttachments(command, hostNames) {
      const send = command as { type?: unknown; roomId?: unknown; attachments?: unknown };
      if (typeof send !== 'object' || send === null || send.type !== 'message.send' || !Array.isArray(send.attachments) || send.attachments.length === 0) return undefined;
      if (files === null) return new ChatError('invalid', 'This host does not accept attachments: its uploads are turned off.');
      for (const attachment of send.attachments as Array<{ id?: unknown; url?: unknown }>) {
        // Malformed attachments are the command parser's to describe.
        if (typeof attachment !== 'object' || attachment === null || typeof attachment.id !== 'string' || typeof attachment.url !== 'string') return undefined;
        const info = isOwnUploadUrl(attachment.url, attachment.id, hostNames) ? await files.info(attachment.id) : undefined;
        if (!info || info.roomId !== send.roomId) {
          return new ChatError('invalid', `Attachment "${attachment.id.slice(0, 64)}" is not a file uploaded to this room; upload it with POST /uploads?roomId=… and send the attachment it answers.`);
        }
      }
      return undefined;
    },
  };
}
