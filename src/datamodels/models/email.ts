/**
 * Email. Its CIM JSON is not in our sources; constraints and fields follow the
 * CIM reference page (help.splunk.com/data-management/common-information-model/
 * 5.2/data-models/email): All_Email `tag=email`, children Delivery
 * (`tag=delivery`), Content (`tag=content`), Filtering (`tag=filter`). Its
 * calculated fields are not documented there: every field is taken as
 * extracted (no `unknown` fills).
 */
import type { DataModel } from '../types.js';
import { assetFields, mv, num, str } from './common.js';

export const EMAIL: DataModel = {
  name: 'Email',
  source: 'CIM reference, Email data model (help.splunk.com, CIM 5.2)',
  datasets: [
    {
      name: 'All_Email',
      constraint: 'tag=email',
      fields: [
        ...str('action', 'dest', 'file_hash', 'file_name', 'internal_message_id', 'message_id', 'message_info', 'orig_dest', 'orig_recipient', 'orig_src', 'process', 'process_id', 'protocol'),
        ...mv('recipient', 'file_size'),
        ...str('recipient_domain', 'recipient_status', 'return_addr', 'src', 'src_user', 'src_user_domain', 'status_code', 'subject', 'url', 'user', 'vendor_product', 'xdelay', 'xref', 'tag'),
        ...num('delay', 'duration', 'recipient_count', 'response_time', 'retries', 'size'),
        ...assetFields('dest', 'src', 'src_user', 'user'),
      ],
      calcs: [],
    },
    { name: 'Delivery', parent: 'All_Email', constraint: 'tag=delivery', fields: [], calcs: [] },
    { name: 'Content', parent: 'All_Email', constraint: 'tag=content', fields: [], calcs: [] },
    { name: 'Filtering', parent: 'All_Email', constraint: 'tag=filter', fields: [...str('filter_action', 'signature', 'signature_extra', 'signature_id'), ...num('filter_score')], calcs: [] },
  ],
};
