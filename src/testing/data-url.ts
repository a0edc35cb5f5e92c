/**
 * Where a test's `attack_data[].data` is on this machine. security_content
 * points at Splunk's attack_data repository by URL, e.g.
 *   https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/T1003/x/sysmon.log
 * With a data root (a local copy of attack_data), everything up to and
 * including `attack_data/master/` (or `attack_data/refs/heads/master/`) is
 * replaced by that folder. A plain path is taken as it is when absolute, and
 * relative to the data root (else to the current folder) when relative.
 */
import { isAbsolute, join, resolve, sep } from 'node:path';

const MARKERS = ['attack_data/refs/heads/master/', 'attack_data/master/'];

export interface MappedData {
  /** the local path, when the `data` could be mapped */
  readonly path?: string;
  /** why it could not be mapped */
  readonly problem?: string;
}

export function mapDataUrl(data: string, dataRoot?: string): MappedData {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(data);
  if (url) {
    for (const marker of MARKERS) {
      const at = data.indexOf(marker);
      if (at >= 0) {
        const rest = decodeURIComponent(data.slice(at + marker.length).split(/[?#]/)[0]);
        if (!dataRoot) return { problem: `no --data-root given for ${data}` };
        // the rest of a URL is a path inside the data root: never above it
        const path = join(dataRoot, rest);
        if (!resolve(path).startsWith(resolve(dataRoot) + sep)) return { problem: `${data} points outside the data root` };
        return { path };
      }
    }
    return { problem: `${data} is not in an attack_data repository (no attack_data/master/ in the URL)` };
  }
  if (isAbsolute(data)) return { path: data };
  return { path: dataRoot ? join(dataRoot, data) : data };
}
