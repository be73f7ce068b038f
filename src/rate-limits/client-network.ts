import { isIP } from 'node:net';
import type { ClientInfo } from '../http/client-info.decorator.js';

/**
 * What tells one client from another for counting: an IPv4 address, or an IPv6 address's /64. One
 * household or phone is handed a whole /64 and picks new addresses in it at will, so counting IPv6
 * addresses one by one would let a single reader act as many readers as they like.
 */
export function clientNetwork(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = groupsOf(ip);
  // An IPv4 address written as IPv6 (::ffff:c000:201) is that IPv4 reader, not the /64 every such address shares.
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [high, low] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * One reader, for what readers may do once (report a comment, like it): their network, or, with no
 * address, their browser. Callers keep only a keyed hash of it (SecretsService.mac), never the address.
 */
export function readerOf(client: ClientInfo): string {
  return client.ip ? clientNetwork(client.ip) : `ua:${client.userAgent ?? ''}`;
}

/** The eight 16-bit groups of an IPv6 address, in lower-case hex without leading zeros. */
function groupsOf(ip: string): string[] {
  const address = ip.split('%')[0].toLowerCase();
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap(withIpv4AsGroups));
  const front = groups(head);
  const back = tail === null ? [] : groups(tail);
  const zeros = Array<string>(8 - front.length - back.length).fill('0');
  return [...front, ...zeros, ...back].map((group) => parseInt(group, 16).toString(16));
}

/** `::ffff:192.0.2.1` ends in an IPv4 address: it stands for two groups. */
function withIpv4AsGroups(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a, b, c, d] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
