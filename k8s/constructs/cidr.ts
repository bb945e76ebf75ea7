/** IPv4 CIDR arithmetic for NetworkPolicy ipBlocks (synth and the flow test share it). */

export interface Cidr {
  readonly network: number;
  readonly prefix: number;
}

function address(text: string, what: string): number {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) {
    throw new Error(`${what}: "${text}" is not an IPv4 address`);
  }
  return parts.reduce((value, part) => value * 256 + part, 0);
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const prefix = Number(bits);
  if (ip === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new Error(`cidr: "${text}" is not an IPv4 CIDR`);
  }
  return { network: (address(ip, 'cidr') & mask(prefix)) >>> 0, prefix };
}

/** Whether `ip` (dotted) lies inside `cidr`. */
export function cidrContainsAddress(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr);
  return (address(ip, 'ip') & mask(block.prefix)) >>> 0 === block.network;
}

/** Whether every address of `inner` lies inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return b.prefix >= a.prefix && (b.network & mask(a.prefix)) >>> 0 === a.network;
}

/**
 * The `except` list of an ipBlock over `cidr` that also keeps `excluded` ranges out (the cluster's
 * pod and Service ranges): each one inside `cidr` and not already excepted is added.
 */
export function exceptInside(cidr: string, except: readonly string[], excluded: readonly string[]): string[] {
  const result = [...except];
  for (const range of excluded) {
    if (cidrContains(cidr, range) && range !== cidr && !result.some((kept) => cidrContains(kept, range))) {
      result.push(range);
    }
  }
  return result;
}
