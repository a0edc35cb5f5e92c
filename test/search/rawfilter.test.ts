/** The raw-text condition is necessary, never sufficient: it may keep too much, never drop a match. */
import { describe, expect, it } from 'vitest';
import type { SearchExpr } from '../../src/ast/nodes.js';
import { parse } from '../../src/parser/index.js';
import { rawFilter } from '../../src/search/rawfilter.js';

function filterOf(search: string, verbatim = (f: string) => f !== 'action') {
  const ast = parse(search).ast!;
  const first = ast.commands[0];
  if (first.type !== 'search' || !first.expr) throw new Error('no search');
  return rawFilter(first.expr as SearchExpr, verbatim);
}

const RAW = "<Event><System><EventID>17</EventID></System><EventData><Data Name='PipeName'>&lt;Anonymous Pipe&gt;</Data><Data Name='Image'>C:\\Tools\\x.exe</Data></EventData></Event>";

describe('rawFilter', () => {
  it('requires the longest literal run of a wildcard value, ignoring case', () => {
    expect(filterOf('PipeName="*ANONYMOUS pipe*"')!(RAW)).toBe(true);
    expect(filterOf('PipeName="*srvsvc*"')!(RAW)).toBe(false);
  });
  it('IN needs one of its values', () => {
    expect(filterOf('PipeName IN ("*anonymous*", "*srvsvc*")')!(RAW)).toBe(true);
    expect(filterOf('PipeName IN ("*psexesvc*", "*srvsvc*")')!(RAW)).toBe(false);
  });
  it('leaves out what nearly every event holds (a number of up to three digits), keeping the rest', () => {
    // EventCode IN (17, 18): "17" and "18" are in timestamps, record ids, GUIDs: not worth a scan
    expect(filterOf('EventCode IN (17, 18)')).toBeUndefined();
    expect(filterOf('EventCode=10')).toBeUndefined();
    // beside a needle worth testing, the weak one is dropped: this line has no 10, and still passes
    expect(filterOf('EventCode IN (10, 11) PipeName="*anonymous*"')!(RAW)).toBe(true);
    expect(filterOf('EventCode IN (10, 11) PipeName="*srvsvc*"')!(RAW)).toBe(false);
    // an any-of with one weak value is weak as a whole (dropping the value alone would drop events)
    expect(filterOf('(EventCode=10 OR PipeName="*srvsvc*") Image="*tools*"')!(RAW)).toBe(true);
    expect(filterOf('EventCode=4688')!(RAW)).toBe(false);
  });
  it('gives no condition for NOT, !=, ranges, CIDR values, field=* or calculated fields', () => {
    expect(filterOf('NOT Image=*Program*')).toBeUndefined();
    expect(filterOf('Image!=foo')).toBeUndefined();
    expect(filterOf('count>10')).toBeUndefined();
    expect(filterOf('src=10.0.0.0/8')).toBeUndefined();
    expect(filterOf('Image=*')).toBeUndefined();
    expect(filterOf('action=allowed')).toBeUndefined();
  });
  it('search-time modifiers and indexer fields are never raw text, whatever the caller says', () => {
    const all = () => true;
    for (const q of ['earliest=-24h', 'latest="05/14/2024:11:00:00"', '_index_earliest=-1d', 'index=main', 'splunk_server=local', 'eventtype=zzz', 'tag::action=zzz', 'savedsearch=zzz', 'starttimeu=12', 'host IN (zz, yy)']) {
      expect(filterOf(q, all), q).toBeUndefined();
    }
    // the other conditions of the search still narrow it
    expect(filterOf('earliest=-24h PipeName=*zzzz*', all)!(RAW)).toBe(false);
    expect(filterOf('earliest=-24h PipeName=*anonymous*', all)!(RAW)).toBe(true);
  });
  it('an OR needs a condition on every branch', () => {
    expect(filterOf('PipeName=*zzz* OR action=allowed')).toBeUndefined();
    expect(filterOf('PipeName=*zzz* OR Image=*tools*')!(RAW)).toBe(true);
  });
  it('AND keeps the conditions it can and skips the others', () => {
    expect(filterOf('action=allowed PipeName=*anonymous*')!(RAW)).toBe(true);
    expect(filterOf('action=allowed PipeName=*named*')!(RAW)).toBe(false);
  });
  it('bare terms must appear in the raw text', () => {
    expect(filterOf('x.exe')!(RAW)).toBe(true);
    expect(filterOf('y.exe')!(RAW)).toBe(false);
  });
});
