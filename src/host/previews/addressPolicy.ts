/// <reference types="node" />
import ipaddr from 'ipaddr.js';

/**
 * Which hosts and addresses the host's link previews may connect to.
 *
 * @example
 * const policy: AddressPolicyOptions = { allowHosts: ['127.0.0.1'] }; // a test site
 */
export interface AddressPolicyOptions {
  /**
   * Host names (as written in URLs, e.g. `intranet.example`, `127.0.0.1`, `[::1]`) whose addresses
   * are allowed whatever they are: for tests and intranets. Default none.
   */
  allowHosts?: readonly string[];
  /** Allow private, loopback and link-local addresses for every host (an intranet chat). Default false. */
  allowPrivateAddresses?: boolean;
}

/**
 * The rule an address is checked against before a preview connects to it.
 *
 * @example
 * const policy = createAddressPolicy({});
 * policy.allows('example.com', '93.184.215.14'); // true
 * policy.allows('evil.test', '169.254.169.254'); // false
 */
export interface AddressPolicy {
  /** Whether `address` (an IP the name resolved to, or the IP written in the URL) may be connected to for `hostname`. */
  allows(hostname: string, address: string): boolean;
}

/** Ranges never reached, not even through the allow-list options: there is no host to talk to there. */
const NEVER = new Set(['unspecified', 'broadcast', 'multicast']);

/**
 * The range of an address as ipaddr.js names it, an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`)
 * judged as the IPv4 address it is. `invalid` for text that is no address.
 *
 * @example
 * addressRange('::ffff:127.0.0.1'); // 'loopback'
 */
export function addressRange(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return 'invalid';
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range();
}

/**
 * True for an address on the public internet: ipaddr.js's `unicast` range only. Private (10/8,
 * 172.16/12, 192.168/16), loopback, link-local (169.254/16, the cloud metadata address among
 * them), carrier-grade NAT (100.64/10), reserved and documentation ranges, multicast, unique-local
 * IPv6 (fc00::/7), and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are not.
 *
 * @example
 * isPublicAddress('8.8.8.8'); // true
 * isPublicAddress('::ffff:10.0.0.1'); // false
 */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

function normalHost(hostname: string): string {
  const lower = hostname.trim().toLowerCase().replace(/\.$/, '');
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/**
 * Makes the address rule of link previews: public addresses only, unless a host is allow-listed
 * or private addresses are allowed. Unspecified, broadcast and multicast addresses are refused
 * always.
 *
 * @example
 * const policy = createAddressPolicy({ allowHosts: ['127.0.0.1'] });
 * policy.allows('127.0.0.1', '127.0.0.1'); // true
 * policy.allows('localhost', '127.0.0.1'); // false
 */
export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allowHosts = new Set((options.allowHosts ?? []).map(normalHost));
  const allowPrivate = options.allowPrivateAddresses === true;
  return {
    allows(hostname, address) {
      const range = addressRange(address);
      if (range === 'invalid' || NEVER.has(range)) return false;
      if (range === 'unicast') return true;
      return allowPrivate || allowHosts.has(normalHost(hostname));
    },
  };
}
