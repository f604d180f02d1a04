import { createHost } from 'confab-chat/host';

const host = createHost({
  port: Number(process.env.PORT ?? 8787),
  secret: process.env.CONFAB_SECRET, // the same secret your backend signs tokens with
  allowedOrigins: ['https://app.example.com'],
  limits: { maxTextBytes: 10 * 1024 },
});

// People and rooms come from your app: create them as they sign up, or as a room is needed.
host.server.upsertUser({ id: 'ana', name: 'Ana Lima' });
host.server.upsertUser({ id: 'bo', name: 'Bo Svensson' });
host.server.createRoom({ id: 'support', name: 'Support', kind: 'public', createdBy: 'ana', memberIds: ['bo'] });

const { url } = await host.listen();
console.log(`chat on ${url}`);

process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
