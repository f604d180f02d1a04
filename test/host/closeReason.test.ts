import { fitReason } from '../../src/host/closeReason';

describe('fitReason', () => {
  it('keeps a reason of up to 123 bytes as it is', () => {
    expect(fitReason('The token has expired.')).toBe('The token has expired.');
    const exact = 'x'.repeat(123);
    expect(fitReason(exact)).toBe(exact);
  });

  it('cuts a longer one to fit in 123 bytes, ending with an ellipsis', () => {
    const cut = fitReason('y'.repeat(300));
    expect(cut).toBe(`${'y'.repeat(120)}…`);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(123);
  });

  it('never cuts a character in half', () => {
    // "é" is two bytes: byte 120 falls inside one, so the cut moves back to its start.
    const cut = fitReason(`a${'é'.repeat(100)}`);
    expect(cut).toBe(`a${'é'.repeat(59)}…`);
    expect(cut).not.toContain('\uFFFD');
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(123);
  });
});
