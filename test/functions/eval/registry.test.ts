import { describe, expect, it } from 'vitest';
import { evalFunctions, lookupEvalFunction } from '../../../src/functions/eval/registry.js';

describe('registry', () => {
  it('holds every function the brief lists, by its lower-case name', () => {
    const names = `if case coalesce isnull isnotnull null true false nullif validate in like match replace lower upper len
      substr trim ltrim rtrim split mvcount mvindex mvjoin mvappend mvfilter mvfind mvdedup mvzip mvmap mvsort mvrange
      mvreverse round floor ceil abs pow sqrt exp ln log pi min max exact sigfig random tostring tonumber isnum isstr
      isint typeof urldecode cidrmatch searchmatch printf md5 sha1 sha256 sha512 now time strftime strptime relative_time`
      .split(/\s+/)
      .filter(Boolean);
    for (const n of names) expect(lookupEvalFunction(n)?.name, n).toBe(n);
  });
  it('matches names without regard to case (Splunk_TA_microsoft_sysmon writes bit_AND)', () => {
    expect(lookupEvalFunction('IF')).toBe(lookupEvalFunction('if'));
    expect(lookupEvalFunction('bit_AND')).toBe(lookupEvalFunction('bit_and'));
    expect(lookupEvalFunction('nosuchfunction')).toBeUndefined();
  });
  it('arities are consistent', () => {
    for (const f of evalFunctions.values()) {
      expect(f.minArgs).toBeLessThanOrEqual(f.maxArgs);
    }
    expect(lookupEvalFunction('if')!.minArgs).toBe(3);
    expect(lookupEvalFunction('substr')!.maxArgs).toBe(3);
    expect(lookupEvalFunction('coalesce')!.maxArgs).toBe(Infinity);
  });
});
