/**
 * addinfo: adds fields with information about the search to each result
 * (addinfo reference,
 * https://help.splunk.com/en/splunk-enterprise/spl-search-reference/10.0/search-commands/addinfo):
 *
 *   addinfo
 *
 * - info_min_time: "The earliest time boundary for the search";
 * - info_max_time: "The latest time boundary for the search";
 * - info_search_time: "The time when the search was run";
 * - info_sid: "The ID of the search that generated the event".
 * A distributable streaming command; it takes no arguments.
 *
 * splinter's values: the time range is the run's --earliest / --latest (epoch
 * seconds); without --earliest the search starts at 0 and without --latest
 * it has no end, which Splunk shows as info_max_time=+Infinity for an
 * all-time search; info_search_time is the search time (`now`).
 *
 * Decisions where the page is silent: the times are numbers (epoch
 * seconds); `earliest=`/`latest=` written in the search do not change the
 * range (only the run's time range does); info_sid is `splinter_<search
 * time in whole seconds>`, the same for every result of one run (an offline
 * run has no Splunk search ID).
 */
import type { GenericCommand } from '../../ast/nodes.js';
import { Args } from '../args.js';
import type { Operator } from '../types.js';
import { streaming } from '../types.js';

export function planAddinfo(node: GenericCommand): Operator {
  new Args(node).allowOnly().only([], 'addinfo takes no arguments');
  return streaming('addinfo', node.span, (rows, ctx) => {
    const min = ctx.earliest ?? 0;
    const max = ctx.latest ?? '+Infinity';
    const sid = `splinter_${Math.floor(ctx.now)}`;
    for (const row of rows) {
      row.set('info_min_time', min);
      row.set('info_max_time', max);
      row.set('info_sid', sid);
      row.set('info_search_time', ctx.now);
    }
    return rows;
  });
}
