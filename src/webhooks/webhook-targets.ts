// Where a webhook may be sent — the defences against server-side request forgery, applied when a
// subscription is created and again before every attempt: https only in production; no
// credentials in the URL; port 443 or 80 (any port where private targets are allowed); the host
// resolved and every address it resolves to checked; then the connection made to that checked
// address (webhook-sender.ts), so that a DNS answer that changes between the check and the
// connection (DNS rebinding) cannot redirect it.
//
// Addresses come in three kinds. Public unicast: always allowed. Loopback and private (RFC 1918,
// unique-local fc00::/7, shared CGNAT 100.64.0.0/10): allowed only with
// WEBHOOK_ALLOW_PRIVATE_TARGETS=true (tests, development). Everything else — link-local (which
// holds the cloud metadata address 169.254.169.254), cloud metadata addresses elsewhere
// (fd00:ec2::254, Alibaba Cloud's 100.100.100.200), multicast, unspecified, broadcast, reserved,
// documentation and tunnel ranges: never. IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d,
// NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address. Odd spellings of IPv4
// (2130706433, 0x7f.1, 0177.0.0.1) are normalised by the WHATWG URL parser before any check.
// Hand-written over ipaddr.js's ranges because no kept library has this two-tier policy.
// A refusal says what kind of address it met, never the address: what a host name resolves to
// inside the deployment (a database, a metadata service) is not the caller's to learn.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface TargetPolicy {
  /** Plain http:// is refused (production). */
  requireHttps: boolean;
  /** Loopback and private addresses are allowed (tests, development). */
  allowPrivateTargets: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** A host name's addresses; tests hand in their own. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** A target the policy refuses; the message says why and what would do. */
export class TargetRefused extends Error {}

const MAX_URL_LENGTH = 2048;

/** Loopback and private ranges: allowed only with WEBHOOK_ALLOW_PRIVATE_TARGETS=true. */
const PRIVATE_RANGES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  uniqueLocal: 'unique-local (fc00::/7)',
  carrierGradeNat: 'shared (100.64.0.0/10)',
};

/** Names of the ranges never allowed, where ipaddr.js's own names read badly. */
const NEVER_RANGES: Record<string, string> = {
  linkLocal: 'link-local',
  rfc6052: 'NAT64',
};

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Cloud metadata services outside link-local: AWS's IPv6 one, Alibaba Cloud's. */
const METADATA = ['fd00:ec2::254', '100.100.100.200'].map((address) => ipaddr.parse(address));

/** The IPv4 address an IPv6 address carries (mapped, translated, NAT64, 6to4), if any. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const last32 = () => ipaddr.fromByteArray(address.toByteArray().slice(12)) as ipaddr.IPv4;
  switch (address.range()) {
    case 'ipv4Mapped':
      return address.toIPv4Address();
    case 'rfc6145':
    case 'rfc6052':
      return last32();
    case '6to4':
      return ipaddr.fromByteArray([
        parts[1] >> 8,
        parts[1] & 255,
        parts[2] >> 8,
        parts[2] & 255,
      ]) as ipaddr.IPv4;
    default:
      return null;
  }
}

/**
 * Named in every refusal the development setting lifts: whoever runs the API on a laptop learns
 * how to point a webhook at a local receiver.
 */
const forDevelopment = (what: string) =>
  `for development, set WEBHOOK_ALLOW_PRIVATE_TARGETS=true on the server to allow ${what}`;

/**
 * Null when the policy allows connecting to `address`; otherwise what kind of address it is and
 * the rule, e.g. "a loopback address: webhooks go to public addresses only (…)". The address
 * itself is never part of it: for a host name it is what the name resolved to, an internal
 * address a caller must not learn.
 */
export function addressRefusal(address: string, policy: TargetPolicy): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'an address that is not an IP address: webhooks go to public addresses only';
  }
  if (parsed.kind() === 'ipv6') parsed = embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed;
  const never = (kind: string) =>
    `${article(kind)} ${kind} address: webhooks never go there, whatever the server's settings; use a public address`;
  if (
    METADATA.some(
      (metadata) => metadata.kind() === parsed.kind() && metadata.toString() === parsed.toString(),
    )
  ) {
    return never('cloud metadata');
  }
  const range = parsed.range();
  // ::/96 other than :: and ::1: the deprecated IPv4-compatible form, which ipaddr.js calls unicast.
  const ipv4Compatible =
    parsed.kind() === 'ipv6' &&
    range === 'unicast' &&
    (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0);
  if (range === 'unicast' && !ipv4Compatible) return null;
  if (range in PRIVATE_RANGES) {
    const kind = PRIVATE_RANGES[range];
    return policy.allowPrivateTargets
      ? null
      : `${article(kind)} ${kind} address: webhooks go to public addresses only (${forDevelopment('loopback and private ones')})`;
  }
  return never(
    ipv4Compatible
      ? 'reserved (IPv4-compatible IPv6)'
      : (NEVER_RANGES[range] ?? range.replace(/([A-Z])/g, ' $1').toLowerCase()),
  );
}

/** Ports a webhook may use where private targets are not allowed: the web's own. */
const WEB_PORTS = new Set(['', '80', '443']);

/** The URL's form: a web URL, https in production, no credentials. Returns it parsed. */
export function checkTargetUrl(raw: string | URL, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new TargetRefused('is not a URL: use https://host/path');
  }
  if (url.href.length > MAX_URL_LENGTH) {
    throw new TargetRefused(`is ${url.href.length} characters long: use at most ${MAX_URL_LENGTH}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TargetRefused(
      `uses the scheme ${url.protocol.slice(0, -1)}: webhooks are POSTed to https:// URLs`,
    );
  }
  if (policy.requireHttps && url.protocol !== 'https:') {
    throw new TargetRefused('uses plain http://: this deployment delivers to https:// URLs only');
  }
  if (url.username || url.password) {
    throw new TargetRefused(
      'carries credentials (user:password@): leave them out and check deliveries by their signature',
    );
  }
  // Another port of a public host is another service (a database, an admin console): not ours
  // to reach. Local receivers listen on any port, so a development server allows every one.
  if (!policy.allowPrivateTargets && !WEB_PORTS.has(url.port)) {
    throw new TargetRefused(
      `uses port ${url.port}: webhooks go to port 443 (https://) or 80 (http://) (${forDevelopment('any port')})`,
    );
  }
  return url;
}

/** The URL's host as a resolver and a socket take it: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the URL's host and checks every address it resolves to (one bad address refuses the
 * whole name: a name with a public and a private address is a rebinding trick). Returns the
 * address to connect to.
 */
export async function resolveTarget(
  url: URL,
  policy: TargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new TargetRefused(
        `names the host ${host}, which does not resolve: check the name, or use a host with a public DNS record`,
      );
    }
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) {
      throw new TargetRefused(
        literal ? `points at ${refusal}` : `names the host ${host}, which resolves to ${refusal}`,
      );
    }
  }
  return addresses[0];
}
