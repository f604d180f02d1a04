import { signToken } from 'confab-chat/host';

/**
 * In your backend, behind your own sign-in: a chat token for the person signed in, signed with the
 * host's secret. Serve it at the URL your tokenProvider fetches (`/chat-token` in these guides).
 */
export function chatToken(userId: string): Promise<string> {
  return signToken({ userId, secret: process.env.CONFAB_SECRET as string, ttlSeconds: 3600 });
}
