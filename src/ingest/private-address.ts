/**
 * Which IP addresses a URL fetch must never connect to: private, loopback, link-local,
 * unique-local, carrier-grade NAT, multicast, unspecified, reserved and documentation
 * ranges, including IPv4 addresses hidden inside IPv6 (mapped, compatible, NAT64, 6to4).
 * Used at connect time so that DNS answers are checked too (no DNS rebinding).
 */

/** [first octets as a 32-bit number, prefix length] */
const PRIVATE_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", includes the unspecified address
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
];

const PRIVATE_V4_RANGES = PRIVATE_V4.map(([base, bits]) => {
  const value = parseIpv4(base);
  if (value === null) throw new Error(`bad range ${base}`);
  return { value, bits };
});

/**
 * True when `ip` must not be contacted. Fails closed: anything that is not a valid
 * IPv4 or IPv6 address also counts as private, so a caller can never be tricked into
 * connecting by a form this parser does not understand.
 */
export function isPrivateAddress(ip: string): boolean {
  const literal = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const v4 = parseIpv4(literal);
  if (v4 !== null) return isPrivateV4(v4);
  const v6 = parseIpv6(literal);
  if (v6 !== null) return isPrivateV6(v6);
  return true;
}

/** True for a syntactically valid dotted-quad IPv4 or IPv6 address (brackets allowed). */
export function isIpAddress(value: string): boolean {
  const literal = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return parseIpv4(literal) !== null || parseIpv6(literal) !== null;
}

function isPrivateV4(address: number): boolean {
  return PRIVATE_V4_RANGES.some(({ value, bits }) => (address >>> (32 - bits)) === (value >>> (32 - bits)));
}

function isPrivateV6(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const embeddedV4 = ((g6 << 16) | g7) >>> 0;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::/128 unspecified, ::1 loopback, ::a.b.c.d (deprecated IPv4-compatible): all refused
  if (firstFiveZero && g5 === 0) return true;
  // ::ffff:a.b.c.d IPv4-mapped: judge the IPv4 address inside
  if (firstFiveZero && g5 === 0xffff) return isPrivateV4(embeddedV4);
  // ::ffff:0:a.b.c.d IPv4-translated
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return isPrivateV4(embeddedV4);
  // 64:ff9b::/96 NAT64 well-known prefix: judge the IPv4 address inside
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateV4(embeddedV4);
  // 64:ff9b:1::/48 local-use NAT64
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true;
  // 100::/64 discard-only
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true;
  // 2001:db8::/32 documentation
  if (g0 === 0x2001 && g1 === 0xdb8) return true;
  // 2002::/16 6to4: the next 32 bits are an IPv4 address
  if (g0 === 0x2002) return isPrivateV4(((g1 << 16) | g2) >>> 0);
  // fc00::/7 unique local
  if ((g0 & 0xfe00) === 0xfc00) return true;
  // fe80::/10 link-local and fec0::/10 deprecated site-local
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true;
  // ff00::/8 multicast
  if ((g0 & 0xff00) === 0xff00) return true;
  return false;
}

/** Strict dotted-quad (what URL parsing and DNS produce); null otherwise. */
function parseIpv4(value: string): number | null {
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  let result = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    result = result * 256 + octet;
  }
  return result;
}

/** Eight 16-bit groups, or null. Accepts `::` compression, an embedded dotted quad and a zone id. */
function parseIpv6(value: string): number[] | null {
  const zone = value.indexOf('%');
  let text = zone >= 0 ? value.slice(0, zone) : value;
  if (text.length === 0 || !/^[0-9a-fA-F:.]+$/.test(text)) return null;

  // an embedded dotted quad ("::ffff:1.2.3.4") becomes its two hex groups
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return null;
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }

  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]);
  const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (head === null || rest === null) return null;

  const known = head.length + rest.length;
  if (halves.length === 2) {
    if (known > 7) return null;
    return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
  }
  return known === 8 ? head : null;
}
