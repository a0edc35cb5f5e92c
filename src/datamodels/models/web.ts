/** Web (Splunk_SA_CIM 5.0.1, cim-datamodels.md §2 "Web.Web"). */
import type { DataModel } from '../types.js';
import { assetFields, ev, fill, inOut, num, str, VENDOR_PRODUCT } from './common.js';

const DOMAIN = (field: string) => String.raw`^(?:http|https|ftp):\/\/(?:[a-zA-Z0-9\.\-]+(?::[a-zA-Z0-9]+)?@)?(?<${field}>[^\/:]+)(?::[0-9]+)?`;

export const WEB: DataModel = {
  name: 'Web',
  source: 'Splunk_SA_CIM 5.0.1 default/data/models/Web.json (cim-datamodels.md §2)',
  datasets: [
    {
      name: 'Web',
      constraint: 'tag=web',
      fields: [
        ...str('app', 'category', 'cookie', 'site', 'uri_path', 'uri_query'),
        { name: 'cached', type: 'boolean' },
        ...num('dest_port', 'duration', 'response_time'),
        ...str('action', 'dest', 'http_content_type', 'http_method', 'http_referrer', 'http_referrer_domain', 'http_user_agent', 'src', 'status', 'url', 'url_domain', 'user', 'vendor_product'),
        ...num('bytes', 'bytes_in', 'bytes_out', 'http_user_agent_length', 'url_length'),
        ...assetFields('dest', 'src', 'user'),
        ...str('tag'),
      ],
      // IDs 0…, 1…, 2… order the calculations that read each other (url → url_domain → url_length)
      calcs: [
        fill('http_referrer', true),
        fill('url', true),
        { kind: 'rex', input: 'http_referrer', regex: DOMAIN('http_referrer_domain') },
        { kind: 'rex', input: 'url', regex: DOMAIN('url_domain') },
        ev('url_length', 'len(url)'),
        fill('action'),
        ...inOut('bytes'),
        fill('dest', true),
        fill('http_content_type', true),
        fill('http_method', true),
        fill('http_user_agent', true),
        ev('http_user_agent_length', 'len(http_user_agent)'),
        fill('src', true),
        fill('status', true),
        fill('user'),
        VENDOR_PRODUCT,
      ],
    },
    { name: 'Proxy', parent: 'Web', constraint: 'tag=proxy', fields: [], calcs: [] },
    { name: 'Storage', parent: 'Web', constraint: 'tag=storage', fields: str('error_code', 'operation', 'storage_name'), calcs: [] },
  ],
};
