/**
 * Splunk_SA_CIM 5.0.1 default/tags.conf field-value tags that decide data
 * model membership (cim-datamodels.md §2.0). Left out: the `err0r`
 * eventtype (bare terms over the raw text of every event; no data model
 * here reads tag=error).
 */
import type { KnowledgeSet } from './eventtype-types.js';

export const CIM_5_0_1: KnowledgeSet = {
  addon: 'Splunk_SA_CIM 5.0.1',
  eventtypes: [],
  fieldTags: [
    { field: 'action', value: 'success', tags: ['success'] },
    { field: 'action', value: 'failure', tags: ['failure'] },
    { field: 'object_category', value: 'file', tags: ['filesystem'] },
    { field: 'object_category', value: 'directory', tags: ['filesystem'] },
    { field: 'object_category', value: 'registry', tags: ['registry'] },
  ],
};
