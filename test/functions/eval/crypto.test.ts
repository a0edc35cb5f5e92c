import { describe, expect, it } from 'vitest';
import { ev, field, makeEnv, run } from './harness.js';

describe('md5 / sha1 / sha256 / sha512', () => {
  it('hash the UTF-8 bytes as lower-case hex (known digests of "abc")', () => {
    expect(ev('md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(ev('sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(ev('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(ev('sha512', 'abc')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });
  it('hash the string form of numbers; NULL gives NULL', () => {
    expect(ev('md5', 1)).toBe(ev('md5', '1'));
    expect(run('md5', [field('missing')], makeEnv())).toBeNull();
  });
});
