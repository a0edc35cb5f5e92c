/**
 * Search-time knowledge of an add-on, as data. The engine applies a profile
 * in props.conf order (§6.1): raw extractions (the scanner, then `reports`,
 * which `extract()` runs), then every FIELDALIAS (`alias` entries), then
 * every EVAL (`eval` entries, all computed from the row as it was before
 * any of them: "as if run in parallel"), then LOOKUPs.
 */

/** One FIELDALIAS pair (`from AS to`): when `from` is missing, `to` is removed. */
export interface AliasEntry {
  readonly kind: 'alias';
  /** props.conf setting it comes from (`FIELDALIAS-dvc`); same-name settings override (§6.1) */
  readonly setting: string;
  readonly from: string;
  readonly to: string;
}

/** One calculated field: `EVAL-<field> = <expr>` (SPL eval text as the add-on writes it). */
export interface EvalEntry {
  readonly kind: 'eval';
  readonly setting: string;
  readonly field: string;
  readonly expr: string;
  /** set when part of the expression is not quoted in our source and was reconstructed */
  readonly note?: string;
}

export type ProfileEntry = AliasEntry | EvalEntry;

/**
 * A regex extraction run on one field (REPORT- with SOURCE_KEY): named
 * groups become fields. With `repeat`, every match adds values (MV_ADD).
 */
export interface FieldReport {
  readonly name: string;
  /** field the regex runs on (`_raw` for the event text) */
  readonly sourceKey: string;
  /** compiled once; use `g` flag for repeat */
  readonly regex: RegExp;
  /** for numbered groups: field name of group 1, 2...; named groups name themselves */
  readonly groups?: readonly string[];
  readonly repeat?: boolean;
  /** quick test: skip the regex when the source value does not contain this */
  readonly needle?: string;
}

/** A lookup with its table inline (`LOOKUP-<name> = <table> in AS ev OUTPUT[NEW] out AS ev2, ...`). */
export interface InlineLookup {
  readonly setting: string;
  readonly table: string;
  /** lookup column → event field the event is matched on */
  readonly match: readonly { readonly column: string; readonly field: string }[];
  /** lookup column → event field written */
  readonly outputs: readonly { readonly column: string; readonly field: string }[];
  /** OUTPUTNEW leaves fields that already exist alone; OUTPUT overwrites */
  readonly mode: 'OUTPUT' | 'OUTPUTNEW';
  /** transforms.conf default_match: the output value when no row matches (with min_matches = 1) */
  readonly defaultMatch?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface SearchTimeProfile {
  /** add-on and version */
  readonly addon: string;
  /** props.conf stanza: `source::...` or a sourcetype name */
  readonly stanza: string;
  readonly reports: readonly FieldReport[];
  readonly entries: readonly ProfileEntry[];
  readonly lookups: readonly InlineLookup[];
}
