import { expect, it } from 'vitest';
import { compileTrustProxy } from './client-ip';

it('TRUST_PROXY: a number of hops, a list of proxies, or nothing', () => {
  expect(compileTrustProxy(undefined)('127.0.0.1', 0)).toBe(false);
  expect(compileTrustProxy('0')('127.0.0.1', 0)).toBe(false);
  const one = compileTrustProxy('1');
  expect([one('127.0.0.1', 0), one('10.0.0.1', 1)]).toEqual([true, false]);
  const list = compileTrustProxy('loopback, 10.0.0.0/8');
  expect([list('127.0.0.1', 0), list('10.2.3.4', 5), list('203.0.113.1', 1)]).toEqual([true, true, false]);
  expect(() => compileTrustProxy('yes')).toThrow(/TRUST_PROXY/);
  expect(() => compileTrustProxy('-1')).toThrow(/TRUST_PROXY/);
});
