/**
 * The data models splinter knows, and how a dataset name or path resolves:
 * `Model.Root` (tstats `from datamodel=`), a dotted path from a root
 * (`nodename=All_Changes.Account_Management`), or a dataset's own name
 * (`| datamodel Change Account_Management search`).
 */
import { ALERTS } from './models/alerts.js';
import { AUTHENTICATION } from './models/authentication.js';
import { CERTIFICATES } from './models/certificates.js';
import { CHANGE } from './models/change.js';
import { EMAIL } from './models/email.js';
import { ENDPOINT } from './models/endpoint.js';
import { INTRUSION_DETECTION } from './models/intrusion_detection.js';
import { NETWORK_RESOLUTION } from './models/network_resolution.js';
import { NETWORK_SESSIONS } from './models/network_sessions.js';
import { NETWORK_TRAFFIC } from './models/network_traffic.js';
import { RISK } from './models/risk.js';
import { UPDATES } from './models/updates.js';
import { WEB } from './models/web.js';
import type { DataModel, Dataset } from './types.js';

export type { DataModel, Dataset, DmCalc, DmField } from './types.js';

export const DATA_MODELS: readonly DataModel[] = [
  ALERTS,
  AUTHENTICATION,
  CERTIFICATES,
  CHANGE,
  EMAIL,
  ENDPOINT,
  INTRUSION_DETECTION,
  NETWORK_RESOLUTION,
  NETWORK_SESSIONS,
  NETWORK_TRAFFIC,
  RISK,
  UPDATES,
  WEB,
];

/** Data model names are case-sensitive (as Splunk's data model IDs are). */
export function findModel(name: string): DataModel | undefined {
  return DATA_MODELS.find((m) => m.name === name);
}

export function modelNames(): string[] {
  return DATA_MODELS.map((m) => m.name);
}

export function roots(model: DataModel): Dataset[] {
  return model.datasets.filter((d) => d.parent === undefined);
}

export function childrenOf(model: DataModel, name: string): Dataset[] {
  return model.datasets.filter((d) => d.parent === name);
}

/** The chain root → dataset. */
export function chainOf(model: DataModel, ds: Dataset): Dataset[] {
  const chain: Dataset[] = [ds];
  let cur = ds;
  while (cur.parent !== undefined) {
    const p = model.datasets.find((d) => d.name === cur.parent);
    if (!p) break;
    chain.unshift(p);
    cur = p;
  }
  return chain;
}

/** Dotted path from the root: `All_Changes.Account_Management`. */
export function pathOf(model: DataModel, ds: Dataset): string {
  return chainOf(model, ds)
    .map((d) => d.name)
    .join('.');
}

/** Every dataset path of a model, for messages. */
export function datasetPaths(model: DataModel): string[] {
  return model.datasets.map((d) => pathOf(model, d));
}

/**
 * A dataset by dotted path from a root (`All_Changes.Account_Management`)
 * or, when unique, by its own name (`Account_Management`).
 */
export function findDataset(model: DataModel, spec: string): Dataset | undefined {
  const byPath = model.datasets.find((d) => pathOf(model, d) === spec);
  if (byPath) return byPath;
  const byName = model.datasets.filter((d) => d.name === spec);
  return byName.length === 1 ? byName[0] : undefined;
}
