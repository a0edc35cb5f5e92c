/**
 * Endpoint (Splunk_SA_CIM 5.0.1 Endpoint.json, as summarised in
 * cim-datamodels.md §2.1): five independent root datasets with a base search
 * (`` (`cim_Endpoint_indexes`) tag=... ``). Ports is not used by the corpus
 * and left out.
 */
import type { DataModel } from '../types.js';
import { assetFields, ev, fill, mv, num, str, time, VENDOR_PRODUCT } from './common.js';

const DEST_ASSET = [...assetFields('dest'), ...str('dest_requires_av', 'dest_should_timesync', 'dest_should_update')];

/** process_name / parent_process_name fall back to the first token of the command line (CIM 5.0.1). */
const firstToken = (name: string, from: string) =>
  ev(name, `case(isnotnull(${name}) AND ${name}!="",${name},isnotnull(${from}) AND ${from}!="",replace(${from},"^\\s*([^\\s]+).*","\\1"),1=1,"unknown")`);

export const ENDPOINT: DataModel = {
  name: 'Endpoint',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Endpoint.json (cim-datamodels.md §2.1)',
  datasets: [
    {
      name: 'Processes',
      // base search: (`cim_Endpoint_indexes`) tag=process tag=report | eval process_integrity_level=lower(process_integrity_level)
      constraint: 'tag=process tag=report',
      fields: [
        ...str('action', 'os', 'parent_process_exec', 'parent_process_guid', 'parent_process_path', 'process_current_directory', 'process_exec', 'process_guid', 'process_integrity_level', 'process_path', 'user_id'),
        ...num('cpu_load_percent', 'mem_used', 'parent_process_id', 'process_id'),
        ...mv('process_hash'),
        ...str('dest', 'original_file_name', 'parent_process', 'parent_process_name', 'process', 'process_name', 'user', 'vendor_product'),
        ...DEST_ASSET,
        ...str('dest_is_expected', 'tag'),
        ...assetFields('user'),
      ],
      calcs: [
        ev('process_integrity_level', 'lower(process_integrity_level)'),
        fill('dest'),
        fill('original_file_name'),
        fill('parent_process'),
        firstToken('parent_process_name', 'parent_process'),
        fill('process'),
        firstToken('process_name', 'process'),
        fill('user'),
        VENDOR_PRODUCT,
      ],
    },
    {
      name: 'Filesystem',
      constraint: 'tag=endpoint tag=filesystem',
      fields: [
        ...time('file_access_time', 'file_create_time', 'file_modify_time'),
        ...str('process_guid', 'process_id'),
        ...str('action', 'dest', 'file_hash', 'file_name', 'file_path', 'file_acl', 'user', 'vendor_product'),
        ...num('file_size'),
        ...DEST_ASSET,
        ...str('tag'),
        ...assetFields('user'),
      ],
      calcs: [fill('action'), fill('dest'), fill('file_hash'), fill('file_name'), fill('file_path'), fill('file_acl'), ev('file_size', 'if(isnum(file_size),file_size,null())'), fill('user'), VENDOR_PRODUCT],
    },
    {
      name: 'Registry',
      constraint: 'tag=endpoint tag=registry',
      fields: [
        ...str('process_guid', 'process_id', 'registry_value_text'),
        ...str('action', 'dest', 'registry_path', 'registry_key_name', 'registry_value_data', 'registry_value_name', 'registry_value_type', 'user', 'vendor_product'),
        ...DEST_ASSET,
        ...str('registry_hive', 'status', 'tag'),
        ...assetFields('user'),
      ],
      calcs: [
        fill('action'),
        fill('dest'),
        fill('registry_path'),
        fill('registry_key_name'),
        fill('registry_value_data'),
        fill('registry_value_name'),
        fill('registry_value_type'),
        fill('user'),
        VENDOR_PRODUCT,
      ],
    },
    {
      // CIM 5.x Services: constraint `tag=service tag=report` (cim-datamodels.md §2.0 table). Its
      // field list is not in our sources: these are the CIM documentation's Services fields
      // (help.splunk.com, Common Information Model, Endpoint), all taken as extracted.
      name: 'Services',
      constraint: 'tag=service tag=report',
      fields: [
        ...str('description', 'dest', 'process_guid', 'process_id', 'service', 'service_dll', 'service_dll_hash', 'service_dll_path', 'service_dll_signature_exists', 'service_dll_signature_verified'),
        ...str('service_exec', 'service_hash', 'service_id', 'service_name', 'service_path', 'service_signature_exists', 'service_signature_verified', 'start_mode', 'status', 'user', 'vendor_product'),
        ...DEST_ASSET,
        ...str('tag'),
        ...assetFields('user'),
      ],
      calcs: [],
    },
  ],
};
