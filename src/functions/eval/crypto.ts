/**
 * Cryptographic functions: md5, sha1, sha256, sha512 of the string form of a
 * value, as lower-case hex digests of its UTF-8 bytes.
 * https://help.splunk.com/en/splunk-enterprise/search/spl-search-reference/10.0/evaluation-functions/cryptographic-functions
 * NULL (or a multivalue with several values) gives NULL.
 */
import { createHash } from 'node:crypto';
import type { EvalFunction } from './types.js';
import { define, str } from './util.js';

function hashFn(name: string, algorithm: string): EvalFunction {
  return define(name, 1, 1, (args, env) => {
    const s = str(args[0](env));
    return s === null ? null : createHash(algorithm).update(s, 'utf8').digest('hex');
  });
}

export const cryptoFunctions: readonly EvalFunction[] = [
  hashFn('md5', 'md5'),
  hashFn('sha1', 'sha1'),
  hashFn('sha256', 'sha256'),
  hashFn('sha512', 'sha512'),
];
