/** Network_Traffic (Splunk_SA_CIM 5.0.1, cim-datamodels.md §2 "Network_Traffic.All_Traffic"). */
import type { DataModel } from '../types.js';
import { assetFields, fill, inOut, mv, num, numOr, str, ev, VENDOR_PRODUCT } from './common.js';

export const NETWORK_TRAFFIC: DataModel = {
  name: 'Network_Traffic',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Network_Traffic.json (cim-datamodels.md §2)',
  datasets: [
    {
      name: 'All_Traffic',
      constraint: 'tag=network tag=communicate',
      fields: [
        ...str('app', 'dest_interface', 'dest_ip', 'dest_mac', 'dest_translated_ip', 'dest_zone', 'direction', 'dvc_ip', 'dvc_mac', 'dvc_zone', 'flow_id', 'icmp_code'),
        ...str('process_id', 'protocol', 'protocol_version', 'session_id', 'src_ip', 'src_mac', 'src_translated_ip', 'src_zone', 'ssid', 'tos', 'vendor_account'),
        ...num('channel', 'dest_translated_port', 'duration', 'icmp_type', 'response_time', 'src_translated_port', 'ttl'),
        ...mv('tcp_flag', 'vlan', 'wifi'),
        ...str('action', 'dest', 'dvc', 'rule', 'src', 'src_port', 'transport', 'user', 'vendor_product'),
        ...num('bytes', 'bytes_in', 'bytes_out', 'dest_port', 'packets', 'packets_in', 'packets_out'),
        ...assetFields('dest', 'dvc', 'src', 'user'),
        ...str('src_interface', 'tag'),
      ],
      calcs: [
        fill('action'),
        ...inOut('bytes'),
        fill('dest'),
        numOr('dest_port', '0'),
        fill('dvc'),
        ...inOut('packets'),
        fill('rule'),
        fill('src'),
        numOr('src_port', '0'),
        ev('transport', 'if(isnull(transport) OR transport="","unknown",lower(transport))'),
        fill('user'),
        VENDOR_PRODUCT,
      ],
    },
    { name: 'Traffic_By_Action', parent: 'All_Traffic', constraint: 'action=*', fields: [], calcs: [] },
    { name: 'Allowed_Traffic', parent: 'Traffic_By_Action', constraint: 'action=allowed', fields: [], calcs: [] },
    { name: 'Blocked_Traffic', parent: 'Traffic_By_Action', constraint: 'action=blocked', fields: [], calcs: [] },
  ],
};
