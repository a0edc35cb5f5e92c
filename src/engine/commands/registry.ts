/**
 * Commands without a grammar of their own (the AST's generic command node):
 * name → planner. Each planner lives in engine/commands/<name>.ts and reads
 * its arguments with engine/args.ts. Add one line per command.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { PlanContext } from '../plan-error.js';
import type { Operator } from '../types.js';
import { planDatamodel } from './datamodel.js';
import { planFrom } from './from.js';
import { planBin } from './bin.js';
import { planFillnull } from './fillnull.js';
import { planInputlookup } from './inputlookup.js';
import { planLookup } from './lookup.js';
import { planOutputlookup } from './outputlookup.js';
import { planRegex } from './regex.js';
import { planRex } from './rex.js';
import { planAddtotals } from './addtotals.js';
import { planExtract } from './extract.js';
import { planFromjson } from './fromjson.js';
import { planIplocation } from './iplocation.js';
import { planMakemv } from './makemv.js';
import { planMakeresults } from './makeresults.js';
import { planMvexpand } from './mvexpand.js';
import { planReplace } from './replace.js';
import { planSpath } from './spath.js';
import { planTop } from './top.js';
import { planXmlkv } from './xmlkv.js';
import { planAppend } from './append.js';
import { planAppendpipe } from './appendpipe.js';
import { planForeach } from './foreach.js';
import { planFormat } from './format.js';
import { planJoin } from './join.js';
import { planReturn } from './return.js';
import { planMap } from './map.js';
import { planMultikv } from './multikv.js';
import { planReverse } from './reverse.js';
import { planTail } from './tail.js';
import { planTimechart } from './timechart.js';
import { planTransaction } from './transaction.js';
import { planUniq } from './uniq.js';
import { planAccum } from './accum.js';
import { planAutoregress } from './autoregress.js';
import { planDelta } from './delta.js';
import { planFilldown } from './filldown.js';
import { planMvcombine } from './mvcombine.js';
import { planNomv } from './nomv.js';
import { planRangemap } from './rangemap.js';
import { planStrcat } from './strcat.js';
import { planAddcoltotals } from './addcoltotals.js';
import { planAddinfo } from './addinfo.js';
import { planAppendcols } from './appendcols.js';
import { planGentimes } from './gentimes.js';
import { planMultisearch } from './multisearch.js';
import { planSet } from './set.js';
import { planUnion } from './union.js';
import { planChart } from './chart.js';
import { planTranspose } from './transpose.js';
import { planUntable } from './untable.js';
import { planXyseries } from './xyseries.js';

export type GenericPlanner = (node: GenericCommand, ctx: PlanContext) => Operator;

export const GENERIC_COMMANDS: ReadonlyMap<string, GenericPlanner> = new Map<string, GenericPlanner>([
  // ---- commands (keep sorted)
  ['accum', planAccum],
  ['addcoltotals', planAddcoltotals],
  ['addinfo', planAddinfo],
  ['addtotals', planAddtotals],
  ['append', planAppend],
  ['appendcols', planAppendcols],
  ['appendpipe', planAppendpipe],
  ['autoregress', planAutoregress],
  ['bin', planBin],
  ['bucket', planBin],
  ['chart', planChart],
  ['datamodel', planDatamodel],
  ['delta', planDelta],
  ['extract', planExtract],
  ['filldown', planFilldown],
  ['fillnull', planFillnull],
  ['foreach', planForeach],
  ['format', planFormat],
  ['from', planFrom],
  ['fromjson', planFromjson],
  ['gentimes', planGentimes],
  ['inputlookup', planInputlookup],
  ['iplocation', planIplocation],
  ['join', planJoin],
  ['kv', planExtract],
  ['lookup', planLookup],
  ['makemv', planMakemv],
  ['makeresults', planMakeresults],
  ['map', planMap],
  ['multikv', planMultikv],
  ['multisearch', planMultisearch],
  ['mvcombine', planMvcombine],
  ['mvexpand', planMvexpand],
  ['nomv', planNomv],
  ['outputlookup', planOutputlookup],
  ['rangemap', planRangemap],
  ['rare', planTop],
  ['regex', planRegex],
  ['replace', planReplace],
  ['return', planReturn],
  ['reverse', planReverse],
  ['rex', planRex],
  ['set', planSet],
  ['spath', planSpath],
  ['strcat', planStrcat],
  ['tail', planTail],
  ['timechart', planTimechart],
  ['top', planTop],
  ['transaction', planTransaction],
  ['transpose', planTranspose],
  ['union', planUnion],
  ['uniq', planUniq],
  ['untable', planUntable],
  ['xmlkv', planXmlkv],
  ['xyseries', planXyseries],
]);
