/**
 * CIM data models as data (Splunk_SA_CIM's `default/data/models/<Model>.json`
 * reduced to what search time needs). A dataset's rows are the events that
 * pass its constraint and every ancestor's, with the calculated fields of
 * the chain applied in order (root first). Facts: /work/shared/docs/
 * cim-datamodels.md §2 (CIM 5.0.1), written out by us.
 */

/** A field of a dataset; `extracted` fields are read from the event as they are. */
export interface DmField {
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean' | 'timestamp';
  readonly multivalue?: boolean;
}

/** A calculated field: evaluated in the listed order, its result replaces the event's value of the same name. */
export type DmCalc =
  | { readonly kind: 'eval'; readonly field: string; readonly expr: string }
  /** named groups of a PCRE run on `input` become fields */
  | { readonly kind: 'rex'; readonly input: string; readonly regex: string }
  /** lookup on the model's own table: `match` input field → `output` field */
  | { readonly kind: 'lookup'; readonly match: { readonly column: string; readonly field: string }; readonly output: { readonly column: string; readonly field: string }; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

export interface Dataset {
  readonly name: string;
  /** parent dataset name; undefined for a root (BaseEvent / BaseSearch) */
  readonly parent?: string;
  /** constraint in the search language (the CIM index macros `cim_<Model>_indexes` expand to `()`, which restricts nothing, and are left out) */
  readonly constraint: string;
  /** fields defined on this dataset (calculated ones included) */
  readonly fields: readonly DmField[];
  /** calculated fields, in evaluation order (a root search's trailing `| eval` comes first) */
  readonly calcs: readonly DmCalc[];
}

export interface DataModel {
  readonly name: string;
  /** where the definition comes from */
  readonly source: string;
  readonly datasets: readonly Dataset[];
}
