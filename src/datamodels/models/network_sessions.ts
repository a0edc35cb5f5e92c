/**
 * Network_Sessions (CIM reference "Network Sessions", help.splunk.com/
 * splunk-cloud-platform/common-information-model/6.0/data-models/
 * network-sessions: All_Sessions tagged `network` `session`, children
 * Session_Start `start`, Session_End `end`, DHCP `dhcp`, VPN `vpn`). Fields
 * and calculations as in the CIM model JSON (public copy: aplura/splunk-sa-cim
 * default/data/models/Network_Sessions.json @0ae4e86), written out by us.
 */
import type { DataModel, Dataset } from '../types.js';
import { assetFields, ev, fill, num, str, mv, VENDOR_PRODUCT } from './common.js';

const child = (name: string, tag: string): Dataset => ({ name, parent: 'All_Sessions', constraint: `tag=${tag}`, fields: [], calcs: [] });

export const NETWORK_SESSIONS: DataModel = {
  name: 'Network_Sessions',
  source: 'CIM reference "Network Sessions" (CIM 6.0); model JSON aplura/splunk-sa-cim @0ae4e86',
  datasets: [
    {
      name: 'All_Sessions',
      constraint: 'tag=network tag=session',
      fields: [
        ...str('action', 'signature', 'signature_id', 'src_dns', 'src_ip', 'src_mac', 'src_nt_host', 'cim_entity_zone'),
        ...num('duration', 'response_time'),
        ...mv('tag'),
        ...str('dest_ip', 'dest_mac', 'dest_nt_host', 'dest_dns', 'dvc', 'user', 'vendor_product'),
        ...assetFields('dest', 'src', 'user'),
      ],
      calcs: [
        // Splunk Stream DHCP events carry the leased address and the client MAC as yiaddr / chaddr
        ev('dest_ip', 'case(source LIKE "stream%" AND isnotnull(yiaddr) AND yiaddr!="",yiaddr,isnull(dest_ip) OR dest_ip="","unknown",1=1,dest_ip)'),
        ev('dest_mac', 'case(source LIKE "stream%" AND isnotnull(chaddr) AND chaddr!="",chaddr,isnull(dest_mac) OR dest_mac="","unknown",1=1,dest_mac)'),
        fill('dest_nt_host'),
        fill('dest_dns'),
        fill('dvc'),
        fill('user'),
        VENDOR_PRODUCT,
      ],
    },
    child('Session_Start', 'start'),
    child('Session_End', 'end'),
    { ...child('DHCP', 'dhcp'), fields: [...num('lease_duration'), ...str('lease_scope')] },
    child('VPN', 'vpn'),
  ],
};
