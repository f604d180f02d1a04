import { addressRange, createAddressPolicy, isPublicAddress } from '../../../src/host/previews/addressPolicy';

const PUBLIC = ['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2001:4860:4860::8888'];
const NOT_PUBLIC: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'], // cloud metadata
  ['100.64.0.1', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['224.0.0.1', 'multicast'],
  ['192.0.2.10', 'reserved'], // documentation
  ['240.0.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped: judged as the IPv4 address
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['64:ff9b::a00:1', 'rfc6052'], // NAT64 of 10.0.0.1
  ['2002:a00:1::', '6to4'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['not-an-ip', 'invalid'],
];

describe('the address policy of link previews', () => {
  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
    expect(createAddressPolicy().allows('example.com', address)).toBe(true);
  });

  it.each(NOT_PUBLIC)('refuses %s (%s) by default', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
    expect(createAddressPolicy().allows('evil.test', address)).toBe(false);
  });

  it('allows listed hosts whatever they resolve to, and nobody else', () => {
    const policy = createAddressPolicy({ allowHosts: ['127.0.0.1', 'Wiki.Intranet', '[::1]'] });
    expect(policy.allows('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(policy.allows('wiki.intranet', '10.1.2.3')).toBe(true);
    expect(policy.allows('[::1]', '::1')).toBe(true);
    expect(policy.allows('localhost', '127.0.0.1')).toBe(false);
    expect(policy.allows('other.intranet', '10.1.2.3')).toBe(false);
  });

  it('allows private ranges for an intranet, but never unspecified, broadcast or multicast', () => {
    const policy = createAddressPolicy({ allowPrivateAddresses: true });
    expect(policy.allows('wiki', '10.1.2.3')).toBe(true);
    expect(policy.allows('wiki', '169.254.169.254')).toBe(true);
    expect(policy.allows('wiki', '0.0.0.0')).toBe(false);
    expect(policy.allows('wiki', '224.0.0.1')).toBe(false);
    expect(createAddressPolicy({ allowHosts: ['x'] }).allows('x', '255.255.255.255')).toBe(false);
  });
});
