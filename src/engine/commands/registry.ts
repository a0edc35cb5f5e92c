/**
 * Commands without a grammar of their own (the AST's generic command node):
 * name → planner. Each planner lives in engine/commands/<name>.ts and reads
 * its arguments with engine/args.ts. Add one line per command.
 */
import type { GenericCommand } from '../../ast/nodes.js';
import type { PlanContext } from '../plan-error.js';
import type { Operator } from '../types.js';

export type GenericPlanner = (node: GenericCommand, ctx: PlanContext) => Operator;

export const GENERIC_COMMANDS: ReadonlyMap<string, GenericPlanner> = new Map<string, GenericPlanner>([
  // ---- commands (keep sorted)
]);
