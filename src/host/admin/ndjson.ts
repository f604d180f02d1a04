/// <reference types="node" />
import { StringDecoder } from 'node:string_decoder';
import { ChatError } from '../../protocol';

/** The longest line an import reads (a room with its members and cursors fits many times over). */
export const MAX_IMPORT_LINE_BYTES = 1024 * 1024;

/**
 * The lines of a byte stream (a request body), without their `\n` (or `\r\n`), one at a time: only
 * the line being read is held. A line longer than `maxLineBytes` stops the stream with a ChatError
 * `too_large` naming its number.
 *
 * @example
 * for await (const line of ndjsonLines(req)) console.log(JSON.parse(line));
 */
export async function* ndjsonLines(source: AsyncIterable<Buffer | string>, maxLineBytes = MAX_IMPORT_LINE_BYTES): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pendingBytes = 0;
  let line = 0;
  const tooLong = () => new ChatError('too_large', `Line ${line + 1} is longer than ${maxLineBytes} bytes; an export's lines are far shorter, so this is not one.`);
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(10, start); newline !== -1; newline = buffer.indexOf(10, start)) {
      if (pendingBytes + newline - start > maxLineBytes) throw tooLong();
      const text = pending + decoder.write(buffer.subarray(start, newline)) + decoder.end();
      pending = '';
      pendingBytes = 0;
      line++;
      yield text.endsWith('\r') ? text.slice(0, -1) : text;
      start = newline + 1;
    }
    pendingBytes += buffer.length - start;
    if (pendingBytes > maxLineBytes) throw tooLong();
    pending += decoder.write(buffer.subarray(start));
  }
  const rest = pending + decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
