/** Change (Splunk_SA_CIM 5.0.1, cim-datamodels.md §2 "Change.All_Changes"). */
import type { DataModel, Dataset } from '../types.js';
import { assetFields, ev, fill, mv, str, VENDOR_PRODUCT } from './common.js';

const child = (name: string, parent: string, constraint: string): Dataset => ({ name, parent, constraint, fields: [], calcs: [] });

export const CHANGE: DataModel = {
  name: 'Change',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Change.json (cim-datamodels.md §2)',
  datasets: [
    {
      name: 'All_Changes',
      constraint: 'tag=change NOT (object_category=file OR object_category=directory OR object_category=registry)',
      fields: [
        ...str('user_agent', 'user_type', 'vendor_account', 'vendor_region'),
        ...str('action', 'change_type', 'command', 'dest', 'dvc', 'object', 'object_category', 'object_id', 'object_path', 'status', 'result', 'result_id', 'src', 'user', 'user_name', 'vendor_product'),
        ...mv('object_attrs'),
        ...assetFields('dest', 'src', 'user'),
        ...str('tag'),
      ],
      calcs: [
        fill('change_type'),
        ev('command', 'if(isnull(command) OR command="","unknown",if(sourcetype=="audittrail",Operation." ".ObjectName,command))'),
        fill('dest'),
        fill('dvc'),
        fill('object'),
        fill('object_attrs'),
        fill('object_category'),
        fill('object_id'),
        fill('object_path'),
        fill('status'),
        ev('result', 'if(isnotnull(result) AND result!="",result,if(isnotnull(signature) AND signature!="",signature,"unknown"))'),
        ev('result_id', 'if(isnotnull(result_id) AND result_id!="",result_id,if(isnotnull(signature_id) AND signature_id!="",signature_id,-1))'),
        fill('src'),
        fill('user'),
        fill('user_name'),
        VENDOR_PRODUCT,
        fill('action'),
      ],
    },
    child('Auditing_Changes', 'All_Changes', 'tag=audit'),
    child('Endpoint_Changes', 'All_Changes', 'tag=endpoint'),
    child('Endpoint_Restarts', 'Endpoint_Changes', 'action=modified change_type=restart'),
    child('Other_Endpoint_Changes', 'Endpoint_Changes', 'NOT change_type=restart'),
    { ...child('Network_Changes', 'All_Changes', 'tag=network'), fields: str('dest_ip_range', 'dest_port_range', 'direction', 'protocol', 'rule_action', 'src_ip_range', 'src_port_range') },
    child('Device_Restarts', 'Network_Changes', 'action=modified change_type=restart'),
    {
      name: 'Account_Management',
      parent: 'All_Changes',
      constraint: 'tag=account',
      fields: [...str('src_user_type', 'dest_nt_domain', 'src_nt_domain', 'src_user', 'src_user_name'), ...assetFields('src_user')],
      calcs: [fill('dest_nt_domain'), fill('src_nt_domain'), fill('src_user'), fill('src_user_name')],
    },
    child('Accounts_Created', 'Account_Management', 'action="created"'),
    child('Accounts_Deleted', 'Account_Management', 'action="deleted"'),
    child('Account_Lockouts', 'Account_Management', 'result="lockout"'),
    child('Accounts_Updated', 'Account_Management', 'action="updated" OR action="modified"'),
    { name: 'Instance_Changes', parent: 'All_Changes', constraint: 'tag=instance', fields: str('image_id', 'instance_type'), calcs: [fill('image_id'), fill('instance_type')] },
  ],
};
