import { ndjsonLines } from '../../../src/host/admin/ndjson';

async function lines(chunks: (Buffer | string)[], max?: number): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of ndjsonLines(source(), max)) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('splits on newlines across chunks, drops \\r, keeps blank lines and a last line without a newline', async () => {
    expect(await lines(['{"a":1}\r\n{"b"', ':2}\n\n', '{"c":3}'])).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('joins a character whose bytes are split between chunks', async () => {
    const bytes = Buffer.from('"é🙂"\n');
    expect(await lines([bytes.subarray(0, 2), bytes.subarray(2, 5), bytes.subarray(5)])).toEqual(['"é🙂"']);
  });

  it('stops at a line over the limit, naming it, whether or not its newline has come', async () => {
    await expect(lines(['ok\n', 'x'.repeat(11), '\n'], 10)).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/^Line 2 is longer than 10 bytes/) });
    await expect(lines(['ok\nxxxxxxxxxxxx\n'], 10)).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/^Line 2 /) });
    expect(await lines(['x'.repeat(10), '\n'], 10)).toEqual(['x'.repeat(10)]);
  });
});
