/**
 * The options each command accepts, recorded as its planner reads them
 * (issue 19, "no option ignored"): a generic command declares its options
 * through `Args.allowOnly`, a command with a grammar of its own (stats,
 * tstats, dedup, sort, head, convert, rangemap's field and default) through
 * `declareOptions` beside its own check. Keyed by the command's name in
 * lower case (`bucket` and `bin` are two keys); the names are lower case.
 * test/queries-options.test.ts plans every case in queries/ and requires a
 * case for each (command, option) recorded here.
 *
 * Recording costs one set insertion per option per planned command.
 */
const declared = new Map<string, Set<string>>();

export function declareOptions(command: string, options: readonly string[]): void {
  const key = command.toLowerCase();
  let set = declared.get(key);
  if (!set) declared.set(key, (set = new Set()));
  for (const o of options) set.add(o.toLowerCase());
}

/** Every command planned so far in this process, with the options it accepts. */
export function declaredOptions(): ReadonlyMap<string, ReadonlySet<string>> {
  return declared;
}
