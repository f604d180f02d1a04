import { parseCliOptions } from '../../src/host';

describe('confab-server options', () => {
  it('reads flags, with the environment as fallback and flags winning', () => {
    const options = parseCliOptions(['--port', '0', '--dev', '--origins', 'https://a.example, https://b.example', '--max-text-bytes', '2048', '--max-replay', '50'], {
      PORT: '9999',
      HOST: '0.0.0.0',
      CONFAB_SECRET: 'from-env',
    });
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      secret: 'from-env',
      dev: true,
      allowedOrigins: ['https://a.example', 'https://b.example'],
      limits: { maxTextBytes: 2048, maxReplay: 50 },
    });
    expect(parseCliOptions([], {})).toEqual({ port: 8787 });
    expect(parseCliOptions([], { CONFAB_ORIGINS: '*', PORT: '1234' })).toEqual({ port: 1234, allowedOrigins: '*' });
  });

  it('refuses bad values with a readable message', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow('--port must be a whole number of at least 0; got "abc".');
    expect(() => parseCliOptions(['--port', '70000'], {})).toThrow(/at most 65535/);
    expect(() => parseCliOptions(['--max-text-bytes', '-1'], {})).toThrow(/--max-text-bytes/);
    expect(() => parseCliOptions(['--nope'], {})).toThrow(/nope/);
  });
});
