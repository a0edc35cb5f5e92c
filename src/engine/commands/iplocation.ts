/**
 * iplocation: location fields (City, Country, Region, lat, lon) of an IP
 * address, from a GeoIP database.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/iplocation
 *
 * Not available yet: it needs an offline GeoIP database. The candidate npm
 * package, geoip-lite, ships MaxMind GeoLite data (about 112 MB unpacked,
 * read whole into memory); its current 2.x line requires Node 24 while
 * splinter targets Node 20, and adding it is the project lead's decision.
 * Until then the command fails at planning with a diagnostic that says so,
 * after checking its arguments.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import type { Operator } from '../types.js';

export function planIplocation(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('prefix', 'allfields', 'lang').only(['value'], 'iplocation [prefix=<string>] [allfields=<bool>] <ip-field>');
  args.bool('allfields', false);
  const vals = args.values();
  if (vals.length !== 1) planFail('iplocation needs one IP address field', vals[1]?.span ?? node.span, 'for example: iplocation src');
  planFail('iplocation needs a GeoIP database, which splinter does not ship yet', node.nameSpan, 'no offline GeoIP data is installed; remove iplocation or compute locations with a lookup');
}
