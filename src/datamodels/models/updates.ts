/**
 * Updates (CIM reference "Updates", help.splunk.com/splunk-cloud-platform/
 * common-information-model/6.0/data-models/updates: Updates tagged `update`
 * `status`, children by status; Update_Errors tagged `update` `error`).
 * Fields and calculations as in the CIM model JSON (public copy:
 * aplura/splunk-sa-cim default/data/models/Updates.json @642ad83), written
 * out by us.
 */
import type { DataModel, Dataset } from '../types.js';
import { assetFields, ev, fill, mv, str, VENDOR_PRODUCT } from './common.js';

const child = (name: string, status: string): Dataset => ({ name, parent: 'Updates', constraint: `status="${status}"`, fields: [], calcs: [] });

export const UPDATES: DataModel = {
  name: 'Updates',
  source: 'CIM reference "Updates" (CIM 6.0); model JSON aplura/splunk-sa-cim @642ad83',
  datasets: [
    {
      name: 'Updates',
      constraint: 'tag=update tag=status',
      fields: [
        { name: 'dest_should_update', type: 'boolean' },
        ...str('dvc', 'file_hash', 'severity', 'severity_id', 'cim_entity_zone'),
        ...mv('file_name', 'tag', 'signature', 'signature_id'),
        ...str('dest', 'status', 'vendor_product'),
        ...assetFields('dest'),
      ],
      calcs: [
        fill('dest'),
        ev('signature', 'case(isnotnull(signature) AND signature!="",signature,isnotnull(signature_id) AND signature_id!="" AND signature_id!="unknown",signature_id,1=1,"unknown")'),
        ev('signature_id', 'case(isnotnull(signature_id) AND signature_id!="",signature_id,isnotnull(signature) AND signature!="" AND signature!="unknown",signature,1=1,"unknown")'),
        fill('status'),
        VENDOR_PRODUCT,
      ],
    },
    child('Available_Updates', 'available'),
    child('Installed_Updates', 'installed'),
    child('Restart_Required_Updates', 'restart_required'),
    { name: 'Update_Errors', constraint: 'tag=update tag=error', fields: str('cim_entity_zone'), calcs: [] },
  ],
};
