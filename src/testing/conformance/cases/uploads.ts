import { check, checkEqual } from '../checks';
import { ConformanceError, type ConformanceContext, type ConformanceHarness } from '../harness';

/** A tiny valid PNG (1×1, transparent): what a person might attach. */
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00,
  0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

/**
 * Uploads, registered when the suite is run with `{ uploads: true }` (the harness then has the
 * `uploads` capability): an uploaded file can be sent and reaches the room as it was uploaded.
 *
 * @example
 * uploadsCases({ it, start, client });
 */
export function uploadsCases({ it, start, client }: ConformanceContext): void {
  it('sends an uploaded file: the room receives the attachment as uploaded ', async () => {
    const harness: ConformanceHarness = await start();
    if (!harness.uploads) throw new ConformanceError('The suite was asked to check uploads, but the harness has no `uploads` capability.');
    const ana = await client('ana');
    const bo = await client('bo');
    const uploads = await harness.uploads('ana');
    const file = Object.assign(new Blob([PNG], { type: 'image/png' }), { name: 'dot.png' });
    const attachment = await uploads.upload('general', file);
    checkEqual([attachment.name, attachment.type, attachment.size], ['dot.png', 'image/png', PNG.byteLength], 'the attachment of an upload');
    check(attachment.url.length > 0, 'an attachment has a URL', attachment);
    const sent = await ana.transport.request({ type: 'message.send', roomId: 'general', clientId: 'u1', text: '', attachments: [attachment] });
    checkEqual(sent.attachments, [attachment], 'the attachments of the sent message');
    const received = await bo.waitForEvent('message.created', (event) => event.message.id === sent.id);
    checkEqual(received.message.attachments, [attachment], "the attachments in the other member's event");
  });
}
