import { expandIpv6 } from './fields.js';

/** A test for membership of an address in a CIDR block (IPv4 or IPv6); null if `cidr` is not one. */
export function cidrMatcher(cidr: string): ((ip: string) => boolean) | null {
  const [base, bitsText] = cidr.split('/');
  if (base === undefined) return null;
  const v4 = ipv4Number(base);
  if (v4 !== null) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) return null;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const net = (v4 & mask) >>> 0;
    return (ip) => {
      const n = ipv4Number(ip);
      return n !== null && ((n & mask) >>> 0) === net;
    };
  }
  const v6 = expandIpv6(base);
  if (!v6) return null;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 128) return null;
  return (ip) => {
    const groups = expandIpv6(ip);
    return groups !== null && samePrefix(groups, v6, bits);
  };
}

/** An IPv4 address (also `::ffff:a.b.c.d`) as an unsigned 32-bit number, or null. */
export function ipv4Number(ip: string): number | null {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function samePrefix(a: readonly number[], b: readonly number[], bits: number): boolean {
  for (let g = 0; g < 8 && bits > 0; g++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((a[g]! & mask) !== (b[g]! & mask)) return false;
  }
  return true;
}
