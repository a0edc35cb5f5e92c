/** Building blocks of the model files: field lists and the CIM's recurring calculated fields. */
import type { DmCalc, DmField } from '../types.js';

/** string fields */
export const str = (...names: string[]): DmField[] => names.map((name) => ({ name, type: 'string' }));
/** number fields */
export const num = (...names: string[]): DmField[] => names.map((name) => ({ name, type: 'number' }));
/** multivalue string fields */
export const mv = (...names: string[]): DmField[] => names.map((name) => ({ name, type: 'string', multivalue: true }));
export const time = (...names: string[]): DmField[] => names.map((name) => ({ name, type: 'timestamp' }));

export const ev = (field: string, expr: string): DmCalc => ({ kind: 'eval', field, expr });

/** The CIM's "fillnull" calculation: `if(isnull(f) OR f="","unknown",f)`; `dash` also treats "-" as empty (Web). */
export const fill = (field: string, dash = false): DmCalc =>
  ev(field, `if(isnull(${field}) OR ${field}=""${dash ? ` OR ${field}="-"` : ''},"unknown",${field})`);

/** `if(isnum(f),f,<fallback>)` */
export const numOr = (field: string, fallback: string): DmCalc => ev(field, `if(isnum(${field}),${field},${fallback})`);

/**
 * `vendor_product`, the same rule as SA_CIM's get_vendor_product macro
 * (cim-datamodels.md §2.0): the event's vendor_product, else "vendor product",
 * "vendor unknown" or "unknown product", else the sourcetype, else "unknown".
 */
export const VENDOR_PRODUCT: DmCalc = ev(
  'vendor_product',
  'case(isnotnull(vendor_product),vendor_product,' +
    'isnotnull(vendor) AND vendor!="unknown" AND isnotnull(product) AND product!="unknown",vendor." ".product,' +
    'isnotnull(vendor) AND vendor!="unknown" AND (isnull(product) OR product="unknown"),vendor." unknown",' +
    '(isnull(vendor) OR vendor="unknown") AND isnotnull(product) AND product!="unknown","unknown ".product,' +
    'isnotnull(sourcetype),sourcetype,1=1,"unknown")',
);

/** `bytes`/`packets` and their in/out halves, each derived from the other two when missing. */
export function inOut(base: string): DmCalc[] {
  const i = `${base}_in`;
  const o = `${base}_out`;
  return [
    ev(base, `case(isnum(${base}),${base},isnum(${i}) AND isnum(${o}),${i}+${o},1=1,null())`),
    ev(i, `case(isnum(${i}),${i},isnum(${base}) AND isnum(${o}),${base}-${o},1=1,null())`),
    ev(o, `case(isnum(${o}),${o},isnum(${base}) AND isnum(${i}),${base}-${i},1=1,null())`),
  ];
}

/** Asset and identity fields (Enterprise Security enrichment) the models list for their prefixes. */
export function assetFields(...prefixes: string[]): DmField[] {
  return prefixes.flatMap((p) => str(`${p}_bunit`, `${p}_category`, `${p}_priority`));
}
