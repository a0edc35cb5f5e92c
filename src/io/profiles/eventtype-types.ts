/**
 * Eventtypes and tags of an add-on, as data (eventtypes.conf, tags.conf).
 * An eventtype is a search-language expression; an event that matches it
 * gets the eventtype's name in its `eventtype` field and the eventtype's tags
 * in `tag`. A field-value tag (`[action=success]` in tags.conf) tags every
 * event whose field has that value. The mechanism that applies them is
 * src/searchtime/eventtypes.ts.
 */

export interface EventtypeDef {
  readonly name: string;
  /** the eventtype's `search =` text */
  readonly search: string;
  /** tags.conf `[eventtype=<name>]`: the tags it enables */
  readonly tags: readonly string[];
}

export interface FieldValueTag {
  readonly field: string;
  readonly value: string;
  readonly tags: readonly string[];
}

export interface KnowledgeSet {
  /** add-on and version */
  readonly addon: string;
  readonly eventtypes: readonly EventtypeDef[];
  readonly fieldTags: readonly FieldValueTag[];
  /** tags.conf `[eventtype=<name>]` for eventtypes another set defines */
  readonly eventtypeTags?: readonly { readonly eventtype: string; readonly tags: readonly string[] }[];
}
