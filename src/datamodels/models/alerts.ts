/**
 * Alerts (CIM reference "Alerts", help.splunk.com/data-management/
 * common-information-model/6.0/data-models/alerts: one dataset, Alerts,
 * tagged `alert`; "alerts produced by alerting systems"). The fields are the
 * reference's list. The model JSON was not available, so no calculated
 * field (such as an "unknown" fill) is applied: a field is what the event
 * holds.
 */
import type { DataModel } from '../types.js';
import { assetFields, mv, str } from './common.js';

export const ALERTS: DataModel = {
  name: 'Alerts',
  source: 'CIM reference "Alerts" (CIM 6.0), fields only',
  datasets: [
    {
      name: 'Alerts',
      constraint: 'tag=alert',
      fields: [
        ...str('app', 'body', 'description', 'dest', 'dest_type', 'id', 'severity', 'severity_id', 'signature', 'signature_id', 'src', 'src_type', 'subject', 'type', 'user', 'user_name', 'vendor_account', 'vendor_region'),
        ...mv('mitre_technique_id', 'tag'),
        ...assetFields('dest', 'src', 'user'),
      ],
      calcs: [],
    },
  ],
};
