/** Authentication (Splunk_SA_CIM 5.0.1, cim-datamodels.md §2 "Authentication.Authentication"). */
import type { DataModel } from '../types.js';
import { assetFields, ev, fill, mv, num, str } from './common.js';

const child = (name: string, parent: string, constraint: string) => ({ name, parent, constraint, fields: [], calcs: [] });

export const AUTHENTICATION: DataModel = {
  name: 'Authentication',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Authentication.json (cim-datamodels.md §2)',
  datasets: [
    {
      name: 'Authentication',
      constraint: 'tag=authentication NOT (action=success user=*$)',
      fields: [
        ...mv('authentication_method'),
        ...str('authentication_service', 'dest_nt_domain', 'reason', 'signature', 'signature_id', 'src_nt_domain', 'src_user_id', 'src_user_role', 'src_user_type'),
        ...str('user_agent', 'user_id', 'user_role', 'user_type', 'vendor_account'),
        ...num('duration', 'response_time'),
        ...str('action', 'app', 'src', 'src_user', 'dest', 'user'),
        ...assetFields('dest', 'src', 'src_user', 'user'),
        ...str('tag'),
      ],
      calcs: [fill('action'), ev('app', 'if(isnull(app) OR app="",sourcetype,app)'), fill('src'), fill('src_user'), fill('dest'), fill('user')],
    },
    child('Failed_Authentication', 'Authentication', 'action="failure"'),
    child('Successful_Authentication', 'Authentication', 'action="success"'),
    child('Default_Authentication', 'Authentication', 'tag="default"'),
    child('Failed_Default_Authentication', 'Default_Authentication', 'action="failure"'),
    child('Successful_Default_Authentication', 'Default_Authentication', 'action="success"'),
    child('Insecure_Authentication', 'Authentication', 'tag="insecure" OR tag="cleartext"'),
    child('Privileged_Authentication', 'Authentication', 'tag="privileged"'),
    child('Failed_Privileged_Authentication', 'Privileged_Authentication', 'action="failure"'),
    child('Successful_Privileged_Authentication', 'Privileged_Authentication', 'action="success"'),
  ],
};
