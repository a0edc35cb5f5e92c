/** Network_Resolution (Splunk_SA_CIM 5.0.1, cim-datamodels.md §2 "Network_Resolution.DNS"). */
import type { DataModel } from '../types.js';
import { assetFields, ev, fill, mv, num, str, VENDOR_PRODUCT } from './common.js';

/**
 * cim_dns_reply_code_lookup: reply_code_id → reply_code. The add-on's CSV is
 * not in our sources; the rows are the DNS RCODE registry (IANA "Domain
 * Name System (DNS) Parameters", RFC 1035 §4.1.1, RFC 2136, RFC 6895).
 */
const RCODES: readonly (readonly [string, string])[] = [
  ['0', 'NoError'], ['1', 'FormErr'], ['2', 'ServFail'], ['3', 'NXDomain'], ['4', 'NotImp'], ['5', 'Refused'],
  ['6', 'YXDomain'], ['7', 'YXRRSet'], ['8', 'NXRRSet'], ['9', 'NotAuth'], ['10', 'NotZone'],
];

export const NETWORK_RESOLUTION: DataModel = {
  name: 'Network_Resolution',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Network_Resolution.json (cim-datamodels.md §2)',
  datasets: [
    {
      name: 'DNS',
      constraint: 'tag=network tag=resolution tag=dns',
      fields: [
        ...num('additional_answer_count', 'authority_answer_count', 'dest_port', 'duration', 'response_time', 'transaction_id', 'ttl'),
        ...str('name', 'query_type', 'record_type', 'src', 'transport'),
        ...mv('src_port', 'answer', 'query'),
        ...num('answer_count', 'query_count'),
        ...str('dest', 'message_type', 'reply_code', 'reply_code_id', 'vendor_product'),
        ...assetFields('dest', 'src'),
        ...str('tag'),
      ],
      // the "0" calculations (DNS_0fillnull_*) come before the ones that read their results
      calcs: [
        fill('answer'),
        fill('query'),
        ev('reply_code_id', 'case(isnotnull(reply_code_id) AND reply_code_id!="",reply_code_id,isnotnull(reply_code) AND reply_code!="",reply_code,1=1,"unknown")'),
        ev('answer_count', 'case(isnum(answer_count),answer_count,isnotnull(answer),mvcount(answer),1=1,1)'),
        fill('dest'),
        fill('message_type'),
        ev('query_count', 'case(isnum(query_count),query_count,isnotnull(query),mvcount(query),1=1,1)'),
        {
          kind: 'lookup',
          match: { column: 'reply_code_id', field: 'reply_code_id' },
          output: { column: 'reply_code', field: 'reply_code' },
          columns: ['reply_code_id', 'reply_code'],
          rows: RCODES,
        },
        VENDOR_PRODUCT,
      ],
    },
  ],
};
