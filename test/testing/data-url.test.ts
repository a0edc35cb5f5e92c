import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapDataUrl } from '../../src/testing/data-url.js';

const ROOT = '/data/attack_data';

describe('mapDataUrl', () => {
  it('replaces everything up to attack_data/master/ with the data root', () => {
    expect(mapDataUrl('https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/T1003/x/sysmon.log', ROOT)).toEqual({ path: join(ROOT, 'datasets/attack_techniques/T1003/x/sysmon.log') });
  });
  it('also attack_data/refs/heads/master/ and raw.githubusercontent.com URLs', () => {
    expect(mapDataUrl('https://media.githubusercontent.com/media/splunk/attack_data/refs/heads/master/datasets/a/b.log', ROOT).path).toBe(join(ROOT, 'datasets/a/b.log'));
    expect(mapDataUrl('https://raw.githubusercontent.com/splunk/attack_data/master/datasets/a/b.log', ROOT).path).toBe(join(ROOT, 'datasets/a/b.log'));
  });
  it('decodes percent-escapes and drops a query string', () => {
    expect(mapDataUrl('https://x/splunk/attack_data/master/datasets/a%20b/c.log?raw=true', ROOT).path).toBe(join(ROOT, 'datasets/a b/c.log'));
  });
  it('a URL without a data root, or outside attack_data, cannot be mapped', () => {
    expect(mapDataUrl('https://x/splunk/attack_data/master/datasets/a.log').problem).toMatch(/no --data-root/);
    expect(mapDataUrl('https://example.com/logs/a.log', ROOT).problem).toMatch(/not in an attack_data repository/);
  });
  it('never maps a URL above the data root', () => {
    expect(mapDataUrl('https://x/splunk/attack_data/master/../../etc/passwd', ROOT).problem).toMatch(/outside the data root/);
  });
  it('plain paths: absolute as is, relative to the data root (else the current folder)', () => {
    expect(mapDataUrl('/tmp/a.log', ROOT).path).toBe('/tmp/a.log');
    expect(mapDataUrl('datasets/a.log', ROOT).path).toBe(join(ROOT, 'datasets/a.log'));
    expect(mapDataUrl('datasets/a.log').path).toBe('datasets/a.log');
  });
});
