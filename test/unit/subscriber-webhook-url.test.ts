import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import {
  checkWebhookUrl,
  guardedLookup,
  isBlockedAddress,
  type Resolve,
} from '../../src/subscribers/webhook-url';

/** A resolver with fixed answers, so no test depends on the network's DNS. */
const names: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'metadata.google.internal': ['169.254.169.254'],
  'mixed.example.com': ['93.184.216.34', '10.0.0.7'],
  'inside.example.com': ['127.0.0.1'],
};
const resolve: Resolve = async (host) => {
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family }];
  const found = names[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: isIP(address) }));
};

const strict = { allowPrivate: false, resolve };

async function reason(url: string, rules = strict): Promise<string> {
  const result = await checkWebhookUrl(url, rules);
  return result.ok ? 'accepted' : result.reason;
}

describe('webhook URL rules', () => {
  it('accepts an https URL that resolves to public addresses', async () => {
    expect(await reason('https://hooks.example.com/statuspage?team=ops')).toBe('accepted');
  });

  it.each([
    ['http://hooks.example.com/x', /must start with https/],
    ['ftp://hooks.example.com/x', /must start with https/],
    ['not a url', /not a URL/],
    ['https://user:pass@hooks.example.com/x', /user name or password/],
    ['https://token@hooks.example.com/x', /user name or password/],
    ['https://127.0.0.1/x', /127\.0\.0\.1/],
    ['https://[::1]/x', /::1/],
    ['https://10.1.2.3/x', /private, loopback/],
    ['https://192.168.0.10/x', /private, loopback/],
    ['https://172.20.0.1/x', /private, loopback/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://metadata.google.internal/computeMetadata/v1', /169\.254\.169\.254/],
    ['https://100.100.100.200/latest', /private, loopback/],
    ['https://[fd00:ec2::254]/latest', /private, loopback/],
    ['https://[fe80::1]/x', /private, loopback/],
    ['https://[::ffff:127.0.0.1]/x', /private, loopback/],
    ['https://mixed.example.com/x', /10\.0\.0\.7/],
    ['https://nowhere.example.com/x', /does not resolve/],
  ])('refuses %s', async (url, expected) => {
    expect(await reason(url)).toMatch(expected);
  });

  it('allows http and private addresses with WEBHOOK_ALLOW_PRIVATE, never credentials', async () => {
    const open = { allowPrivate: true, resolve };
    expect(await reason('http://127.0.0.1:8080/hook', open)).toBe('accepted');
    expect(await reason('https://inside.example.com/hook', open)).toBe('accepted');
    expect(await reason('http://user:pw@127.0.0.1/hook', open)).toMatch(/user name or password/);
  });

  it('refuses a host that does not resolve, WEBHOOK_ALLOW_PRIVATE or not', async () => {
    const open = { allowPrivate: true, resolve };
    expect(await reason('http://nowhere.example.com/hook', open)).toBe(
      'The host nowhere.example.com does not resolve.',
    );
  });

  it('gives up on a resolver that does not answer within 2 s', async () => {
    jest.useFakeTimers();
    try {
      const silent: Resolve = () => new Promise(() => {});
      const pending = checkWebhookUrl('https://slow.example.com/hook', {
        allowPrivate: false,
        resolve: silent,
      });
      jest.advanceTimersByTime(2_000);
      expect(await pending).toEqual({
        ok: false,
        reason: 'The host slow.example.com did not resolve in time; please try again.',
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('judges IPv4 inside IPv6 as IPv4', () => {
    expect(isBlockedAddress('::ffff:7f00:1')).toBe(true);
    expect(isBlockedAddress('64:ff9b::10.0.0.1')).toBe(true);
    expect(isBlockedAddress('::ffff:93.184.216.34')).toBe(false);
    expect(isBlockedAddress('2606:4700::6810:84e5')).toBe(false);
  });
});

describe('connecting to a webhook', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  function get(rules: { allowPrivate: boolean }): Promise<number> {
    return new Promise((done, fail) => {
      const req = http.request(
        { host: 'inside.example.com', port, path: '/', lookup: guardedLookup({ ...rules, resolve }) },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
        },
      );
      req.on('error', fail);
      req.end();
    });
  }

  it('refuses, at connection time, a name that now resolves inside', async () => {
    await expect(get({ allowPrivate: false })).rejects.toMatchObject({ code: 'EBLOCKEDADDRESS' });
    expect(hits).toBe(0);
  });

  it('connects when private addresses are allowed', async () => {
    await expect(get({ allowPrivate: true })).resolves.toBe(200);
    expect(hits).toBe(1);
  });
});
