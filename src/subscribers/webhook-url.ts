/**
 * Where a webhook may point: `https://`, no credentials in the URL, and — checked on the addresses
 * the host name resolves to, at subscription and again at each connection — never a loopback,
 * private, link-local, multicast or cloud-metadata address, so that a subscriber cannot make Sitrep
 * reach into its own network. `WEBHOOK_ALLOW_PRIVATE=true` lifts the address rule and allows `http://`,
 * for internal tools and tests.
 */
import { promises as dns, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, and Alibaba's metadata at 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, and the metadata service of AWS, GCP and Azure at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments (Oracle's metadata at 192.0.0.192)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local, AWS's IPv6 metadata at fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** IPv4 addresses inside IPv6 ones (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`) are judged as IPv4. */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isBlockedAddress(address: string): boolean {
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolve = (host) => dns.lookup(host, { all: true, verbatim: true });

export interface UrlRules {
  allowPrivate: boolean;
  /** Name resolution (the system resolver unless a test gives another). */
  resolve?: Resolve;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** A webhook is added while Slack waits 3 s for the form's answer: a slow resolver must not use them up. */
const RESOLVE_TIMEOUT_MS = 2_000;

class ResolveTimeout extends Error {}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ResolveTimeout()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The host must resolve (always) and, unless `allowPrivate`, to no blocked address. */
export async function checkWebhookUrl(raw: string, rules: UrlRules): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'That is not a URL.' };
  }
  const schemes = rules.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    return { ok: false, reason: 'A webhook URL must start with https://.' };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'A webhook URL must not carry a user name or password.' };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: LookupAddress[];
  try {
    addresses = await withinTime((rules.resolve ?? resolveAll)(host), RESOLVE_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof ResolveTimeout)
      return { ok: false, reason: `The host ${host} did not resolve in time; please try again.` };
    return { ok: false, reason: `The host ${host} does not resolve.` };
  }
  if (addresses.length === 0) return { ok: false, reason: `The host ${host} does not resolve.` };
  if (rules.allowPrivate) return { ok: true, url };
  const inside = addresses.find((a) => isBlockedAddress(a.address));
  if (inside) {
    return {
      ok: false,
      reason: `The host ${host} resolves to ${inside.address}, a private, loopback, link-local or metadata address.`,
    };
  }
  return { ok: true, url };
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that refuses blocked addresses at connection time, so a name that
 * resolved to a public address when the webhook was added cannot be re-pointed inside later.
 */
export function guardedLookup(rules: UrlRules) {
  const resolve = rules.resolve ?? resolveAll;
  return (host: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(host).then(
      (addresses) => {
        const allowed = rules.allowPrivate
          ? addresses
          : addresses.filter((a) => !isBlockedAddress(a.address));
        const first = allowed[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(
            `webhook host ${host} resolves only to blocked addresses`,
          );
          error.code = 'EBLOCKEDADDRESS';
          callback(error, []);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
