/**
 * Certificates (CIM reference "Certificates", help.splunk.com/data-management/
 * common-information-model/6.0/data-models/certificates: All_Certificates
 * tagged `certificate`, its child SSL tagged `ssl`). The fields are the
 * reference's list; SSL's fields carry the child path
 * (`All_Certificates.SSL.ssl_issuer`, cim-datamodels.md §2.0). The model
 * JSON was not available, so no calculated field is applied.
 */
import type { DataModel } from '../types.js';
import { assetFields, mv, num, str } from './common.js';

export const CERTIFICATES: DataModel = {
  name: 'Certificates',
  source: 'CIM reference "Certificates" (CIM 6.0), fields only',
  datasets: [
    {
      name: 'All_Certificates',
      constraint: 'tag=certificate',
      fields: [...str('dest', 'src', 'transport'), ...num('dest_port', 'src_port', 'duration', 'response_time'), ...mv('tag'), ...assetFields('dest', 'src')],
      calcs: [],
    },
    {
      name: 'SSL',
      parent: 'All_Certificates',
      constraint: 'tag=ssl',
      fields: [
        ...str('ssl_engine', 'ssl_hash', 'ssl_issuer', 'ssl_issuer_common_name', 'ssl_issuer_email', 'ssl_issuer_email_domain', 'ssl_issuer_locality', 'ssl_issuer_organization', 'ssl_issuer_state', 'ssl_issuer_street', 'ssl_issuer_unit'),
        ...str('ssl_name', 'ssl_policies', 'ssl_publickey', 'ssl_publickey_algorithm', 'ssl_serial', 'ssl_session_id', 'ssl_signature_algorithm'),
        ...str('ssl_subject', 'ssl_subject_common_name', 'ssl_subject_email', 'ssl_subject_email_domain', 'ssl_subject_locality', 'ssl_subject_organization', 'ssl_subject_state', 'ssl_subject_street', 'ssl_subject_unit', 'ssl_version'),
        { name: 'ssl_is_valid', type: 'boolean' },
        ...num('ssl_end_time', 'ssl_start_time', 'ssl_validity_window'),
      ],
      calcs: [],
    },
  ],
};
