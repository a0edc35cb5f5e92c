/**
 * The eval function registry: every function by its name (Splunk function
 * names are lower case and case-sensitive).
 */
import type { EvalFunction } from './types.js';
import { conditionalFunctions } from './conditional.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { informationalFunctions } from './informational.js';
import { jsonFunctions } from './json.js';
import { lookupFunctions } from './lookup.js';
import { bitwiseFunctions } from './bitwise.js';
import { mathFunctions } from './math.js';
import { multivalueFunctions } from './multivalue.js';
import { textFunctions } from './text.js';
import { timeFunctions } from './time.js';

function build(): ReadonlyMap<string, EvalFunction> {
  const map = new Map<string, EvalFunction>();
  for (const family of [
    conditionalFunctions,
    textFunctions,
    multivalueFunctions,
    mathFunctions,
    bitwiseFunctions,
    conversionFunctions,
    informationalFunctions,
    cryptoFunctions,
    timeFunctions,
    jsonFunctions,
    lookupFunctions,
  ]) {
    for (const f of family) {
      if (map.has(f.name)) throw new Error(`eval function ${f.name} defined twice`);
      map.set(f.name, f);
    }
  }
  return map;
}

export const evalFunctions: ReadonlyMap<string, EvalFunction> = build();

/**
 * Function names are matched without regard to case: Splunk's own add-ons
 * write `bit_AND(...)` (Splunk_TA_microsoft_sysmon props.conf).
 */
export function lookupEvalFunction(name: string): EvalFunction | undefined {
  return evalFunctions.get(name) ?? evalFunctions.get(name.toLowerCase());
}
