/**
 * Intrusion_Detection (CIM reference "Intrusion Detection", help.splunk.com/
 * splunk-cloud-platform/common-information-model/6.0/data-models/
 * intrusion-detection: dataset IDS_Attacks, tags `ids` `attack`). Fields,
 * calculations and the children keyed on ids_type as in the CIM model JSON
 * (public copy: aplura/splunk-sa-cim default/data/models/Intrusion_Detection.json
 * @42a3807), written out by us.
 */
import type { DataModel, Dataset } from '../types.js';
import { assetFields, fill, mv, num, str, VENDOR_PRODUCT } from './common.js';

const child = (name: string, idsType: string): Dataset => ({ name, parent: 'IDS_Attacks', constraint: `ids_type="${idsType}"`, fields: [], calcs: [] });

export const INTRUSION_DETECTION: DataModel = {
  name: 'Intrusion_Detection',
  source: 'CIM reference "Intrusion Detection" (CIM 6.0); model JSON aplura/splunk-sa-cim @42a3807',
  datasets: [
    {
      name: 'IDS_Attacks',
      constraint: 'tag=ids tag=attack',
      fields: [
        ...str('action', 'dest_ip', 'dest_type', 'file_hash', 'file_name', 'file_path', 'severity_id', 'signature_id', 'src_ip', 'transport', 'cim_entity_zone'),
        ...num('dest_port'),
        ...mv('src_port', 'tag'),
        ...str('dvc', 'ids_type', 'category', 'signature', 'severity', 'src', 'dest', 'user', 'vendor_product'),
        ...assetFields('dest', 'dvc', 'src', 'user'),
      ],
      calcs: [fill('dvc'), fill('ids_type'), fill('category'), fill('signature'), fill('severity'), fill('src'), fill('dest'), fill('user'), VENDOR_PRODUCT],
    },
    child('Application_IDS_Attacks', 'application'),
    child('Host_IDS_Attacks', 'host'),
    child('Network_IDS_Attacks', 'network'),
  ],
};
