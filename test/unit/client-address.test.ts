import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../../src/web/client-address';

const request = (forwarded?: string | string[]) =>
  ({
    raw: { socket: { remoteAddress: '10.0.0.5' } },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as FastifyRequest;

describe('clientAddress', () => {
  it('is the peer without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('203.0.113.9'), false)).toBe('10.0.0.5');
  });

  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['198.51.100.1, 203.0.113.9', '203.0.113.9'],
    ['evil, 198.51.100.1,203.0.113.9 ', '203.0.113.9'],
    ['2001:db8::1', '2001:db8::1'],
  ])('is the rightmost entry of %j with TRUST_PROXY', (header, address) => {
    expect(clientAddress(request(header), true)).toBe(address);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a name, not an address', 'example.com'],
    ['a trailing comma', '203.0.113.9,'],
    ['a port', '203.0.113.9:443'],
    ['two headers', ['203.0.113.9', '198.51.100.1']],
  ])('falls back to the peer for %s', (_what, header) => {
    expect(clientAddress(request(header), true)).toBe('10.0.0.5');
  });
});
