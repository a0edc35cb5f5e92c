import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SplError, type Span } from '../../src/diagnostics/diagnostic.js';
import { MacroTable, type MacroDef } from '../../src/macros/definitions.js';
import { expandMacros, listMacroCalls } from '../../src/macros/expand.js';
import { loadMacroTable, parseInlineMacro } from '../../src/macros/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../fixtures/macros');

/** A table of the built-ins plus inline definitions. */
function table(...inline: string[]): MacroTable {
  return loadMacroTable({ inline });
}

function def(partial: Partial<MacroDef> & { name: string; definition: string }): MacroDef {
  const args = partial.args ?? [];
  return { arity: args.length, args, iseval: false, origin: { file: 'test', line: 1 }, ...partial };
}

function splError(fn: () => unknown): SplError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SplError) return e;
    throw e;
  }
  throw new Error('expected an SplError');
}

function at(text: string, needle: string, from = 0): Span {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not in ${text}`);
  return { start, end: start + needle.length };
}

// The task's version of the seed detection (spl-semantics.md §0).
const SEED = [
  '`sysmon` EventCode IN (17,18) EventType IN ( "CreatePipe", "ConnectPipe") PipeName="*Anonymous Pipe*" NOT( Image IN ("*\\\\Program Files\\\\*"))',
  '| stats min(_time) as firstTime max(_time) as lastTime count by dest EventCode PipeName ProcessGuid ProcessId Image EventType',
  '| `security_content_ctime(firstTime)`',
  '| `security_content_ctime(lastTime)`',
  '| `windows_anonymous_pipe_activity_filter`',
].join('\n');

// Exactly the macro-expanded text of spl-semantics.md §0.
const SEED_EXPANDED = [
  'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=Syslog:Linux-Sysmon/Operational EventCode IN (17,18) EventType IN ( "CreatePipe", "ConnectPipe") PipeName="*Anonymous Pipe*" NOT( Image IN ("*\\\\Program Files\\\\*"))',
  '| stats min(_time) as firstTime max(_time) as lastTime count by dest EventCode PipeName ProcessGuid ProcessId Image EventType',
  '| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)',
  '| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime)',
  '| search *',
].join('\n');

describe('the seed detection', () => {
  const t = loadMacroTable({ paths: [FIXTURES] });

  it('expands to the text of spl-semantics §0', () => {
    const x = expandMacros(SEED, t);
    expect(x.text).toBe(SEED_EXPANDED);
  });

  it('notes the generated filter macro', () => {
    const x = expandMacros(SEED, t);
    expect(x.notices).toHaveLength(1);
    const n = x.notices[0];
    expect(n.severity).toBe('notice');
    expect(n.stage).toBe('expand');
    expect(n.message).toBe(
      'macro `windows_anonymous_pipe_activity_filter` is not defined; using `search *` as contentctl generates it',
    );
    expect(SEED.slice(n.span!.start, n.span!.end)).toBe('`windows_anonymous_pipe_activity_filter`');
    expect(n.source).toBeUndefined(); // in the search itself
  });

  it('traces every call', () => {
    const x = expandMacros(SEED, t);
    expect(x.calls.map((c) => [c.key, c.args, c.depth, c.generated])).toEqual([
      ['sysmon', [], 0, false],
      ['security_content_ctime(1)', ['firstTime'], 0, false],
      ['security_content_ctime(1)', ['lastTime'], 0, false],
      ['windows_anonymous_pipe_activity_filter', [], 0, true],
    ]);
    const c = x.calls[1];
    expect(SEED.slice(c.span.start, c.span.end)).toBe('`security_content_ctime(firstTime)`');
    expect(x.text.slice(c.output.start, c.output.end)).toBe('convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)');
    expect(x.text.slice(x.calls[3].output.start, x.calls[3].output.end)).toBe('search *');
  });
});

describe('textual expansion', () => {
  it('splices the definition without adding parentheses', () => {
    const x = expandMacros('`ab` c=3', table('ab=a=1 OR b=2'));
    expect(x.text).toBe('a=1 OR b=2 c=3');
  });

  it('leaves text without calls alone and keeps $tokens$ that are not arguments', () => {
    expect(expandMacros('search a=$b$ | x', table()).text).toBe('search a=$b$ | x');
    expect(expandMacros('`m(1)`', table('m(x)=$y$ $x$ $$x$ $')).text).toBe('$y$ 1 $1 $');
  });

  it('does not expand inside double quotes, even with escaped quotes', () => {
    const t = table('m=EXPANDED');
    expect(expandMacros('search "foo`m`baz" `m`', t).text).toBe('search "foo`m`baz" EXPANDED');
    expect(expandMacros('search "a\\"`m`" `m`', t).text).toBe('search "a\\"`m`" EXPANDED');
    expect(expandMacros('search a=\\"`m`', t).text).toBe('search a=\\"EXPANDED');
  });

  it('substitutes $arg$ even inside quotes, globally', () => {
    const x = expandMacros('`q(Anonymous)`', table('q(p)=PipeName="*$p$*" OR pipe="$p$"'));
    expect(x.text).toBe('PipeName="*Anonymous*" OR pipe="Anonymous"');
  });

  it('takes positional arguments, trimmed, split on top-level commas only', () => {
    const t = table('m(a,b,c)=[$a$][$b$][$c$]');
    expect(expandMacros('`m( 1 ,  two words , 3)`', t).text).toBe('[1][two words][3]');
    expect(expandMacros('`m("x,y", f(a, b), "q\\"),")`', t).text).toBe('["x,y"][f(a, b)]["q\\"),"]');
    expect(expandMacros('`m(,,)`', t).text).toBe('[][][]');
  });

  it('keeps the quotes of a quoted argument (verbatim substitution)', () => {
    const t = table('say(text)=eval msg=$text$');
    expect(expandMacros('`say("He said \\"hello!\\"")`', t).text).toBe('eval msg="He said \\"hello!\\""');
  });

  it('takes named arguments in any order', () => {
    const t = table('iis(fragment,ext)=sourcetype="iis" /$fragment$/ .$ext$');
    expect(expandMacros('`iis(ext=pdf, fragment=TM)`', t).text).toBe('sourcetype="iis" /TM/ .pdf');
    expect(expandMacros('`iis(fragment = TD,ext=doc)`', t).text).toBe('sourcetype="iis" /TD/ .doc');
    // a value that merely contains = is positional when no argument name matches
    expect(expandMacros('`iis(a=b, c)`', t).text).toBe('sourcetype="iis" /a=b/ .c');
  });

  it('reports unknown and repeated named arguments', () => {
    const t = table('iis(fragment,ext)=$fragment$ $ext$');
    const search = '`iis(fragment=TM, extension=pdf)`';
    const e = splError(() => expandMacros(search, t));
    expect(e.first.message).toBe("macro `iis` has no argument named 'extension'");
    expect(search.slice(e.first.span!.start, e.first.span!.end)).toBe('extension');
    expect(e.first.hint).toBe('its arguments are fragment, ext');
    expect(splError(() => expandMacros('`iis(ext=a, ext=b)`', t)).first.message).toBe("argument 'ext' of `iis` is given twice");
  });

  it('expands drop_dm_object_name with or without quotes, substituting the argument as written', () => {
    const t = table();
    expect(expandMacros('| `drop_dm_object_name(Processes)`', t).text).toBe('| rename Processes.* AS *');
    expect(expandMacros('| `drop_dm_object_name("Processes")`', t).text).toBe('| rename "Processes".* AS *');
    expect(expandMacros('| `drop_dm_object_name(field="All_Traffic")`', t).text).toBe('| rename "All_Traffic".* AS *');
  });

  it('expands nested macros after substitution, in definitions and arguments', () => {
    const t = table('outer(x)=`inner($x$)` | `leaf`', 'inner(y)=<$y$>', 'leaf=LEAF', 'pick(n)=`$n$`');
    expect(expandMacros('`outer(1)`', t).text).toBe('<1> | LEAF');
    expect(expandMacros('`inner(`leaf`)`', t).text).toBe('<LEAF>');
    // a call assembled from an argument
    expect(expandMacros('`pick(leaf)`', t).text).toBe('LEAF');
    const fixtures = loadMacroTable({ paths: [FIXTURES] });
    expect(expandMacros('`security_content_summariesonly`', fixtures).text).toBe(
      'summariesonly=false allow_old_summaries=true fillnull_value=null',
    );
    expect(expandMacros('`sysmon_pipes(17, 18)`', fixtures).text).toBe(
      'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational OR source=Syslog:Linux-Sysmon/Operational EventCode IN (17,18) \n| eval pipe=lower(PipeName)',
    );
  });

  it('does not expand a call that substitution puts inside quotes', () => {
    const t = table('quoted(x)=search "$x$"', 'leaf=LEAF');
    expect(expandMacros('`quoted(`leaf`)`', t).text).toBe('search "`leaf`"');
  });

  it('leaves ``` comments alone: no expansion, quotes inside do not count', () => {
    const t = table('m=M');
    const search = '`m` ```don\'t "expand `m` here``` `m` | x ``` `m(```';
    expect(expandMacros(search, t).text).toBe('M ```don\'t "expand `m` here``` M | x ``` `m(```');
    expect(expandMacros('`m` "```" `m`', t).text).toBe('M "```" M');
    const e = splError(() => expandMacros('`m` ``` open', t));
    expect(e.first.message).toBe('comment opened with ``` is not closed');
    expect(e.first.span).toEqual({ start: 4, end: 7 });
  });

  it('treats overloads by arity as different macros', () => {
    const t = table('f=zero', 'f(a)=one $a$', 'f(a,b)=two $a$ $b$');
    expect(expandMacros('`f` `f(x)` `f(x,y)` `f()`', t).text).toBe('zero one x two x y zero');
  });
});

describe('errors', () => {
  it('reports an unknown macro at its call, with close names', () => {
    const search = 'index=x | `sysmn` | head';
    const e = splError(() => expandMacros(search, table('sysmon=S', 'other=O')));
    expect(e.first.stage).toBe('expand');
    expect(e.first.message).toBe("macro 'sysmn' is not defined");
    expect(e.first.span).toEqual(at(search, '`sysmn`'));
    expect(e.first.hint).toBe('did you mean `sysmon`?');
    const e2 = splError(() => expandMacros('`zzz(1,2)`', table('sysmon=S')));
    expect(e2.first.message).toBe("macro 'zzz(2)' is not defined");
    expect(e2.first.hint).toBe("give its definition with -m <macros.conf or folder>, or define it with --macro 'zzz(2)=<definition>'");
  });

  it('reports a wrong number of arguments', () => {
    const search = '| `security_content_ctime(a, b)`';
    const t = loadMacroTable({ paths: [FIXTURES] });
    const e = splError(() => expandMacros(search, t));
    expect(e.first.message).toBe('`security_content_ctime` takes 1 argument, 2 given');
    expect(e.first.span).toEqual(at(search, '`security_content_ctime(a, b)`'));
    expect(e.first.hint).toBe('call it as `security_content_ctime(field)`');
    const e2 = splError(() => expandMacros('`f(1)`', table('f=0', 'f(a,b)=2')));
    expect(e2.first.message).toBe('`f` takes 0 or 2 arguments, 1 given');
  });

  it('does not invent a filter for _filter macros that take arguments', () => {
    expect(splError(() => expandMacros('`x_filter(1)`', table())).first.message).toBe("macro 'x_filter(1)' is not defined");
    // but a defined _filter macro is used as defined, without notice
    const x = expandMacros('`x_filter`', table('x_filter=search user!=admin'));
    expect(x.text).toBe('search user!=admin');
    expect(x.notices).toEqual([]);
  });

  it('reports an unknown macro inside a definition in the definition, with the chain', () => {
    const search = 'a `outer` b';
    const e = splError(() => expandMacros(search, table('outer=x `inner`', 'inner=y `missing`')));
    const d = e.first;
    expect(d.message).toBe("macro 'missing' is not defined");
    expect(d.source?.name).toBe('macro `inner`');
    expect(d.source?.text.slice(d.span!.start, d.span!.end)).toBe('`missing`');
    expect(d.related?.map((r) => [r.message, r.source?.name, r.span])).toEqual([
      ['expanded from `inner` here', 'macro `outer`', at('x `inner`', '`inner`')],
      ['expanded from `outer` here', undefined, at(search, '`outer`')],
    ]);
  });

  it('reports a cycle naming the chain', () => {
    const e = splError(() => expandMacros('`a`', table('a=x `b`', 'b=y `c(1)`', 'c(p)=`a`')));
    expect(e.first.message).toBe('macro `a` expands into itself: `a` → `b` → `c(1)` → `a`');
    expect(e.first.source?.name).toBe('macro `c(1)`');
    const self = splError(() => expandMacros('`s`', table('s=`s`')));
    expect(self.first.message).toBe('macro `s` expands into itself: `s` → `s`');
  });

  it('limits nesting to 50 levels', () => {
    const defs: string[] = [];
    for (let i = 0; i < 60; i++) defs.push(`m${i}=\`m${i + 1}\``);
    defs.push('m60=END');
    const t = table(...defs);
    expect(splError(() => expandMacros('`m0`', t)).first.message).toBe(
      'macros are nested more than 50 levels deep (at `m50`)',
    );
    expect(expandMacros('`m11`', t).text).toBe('END'); // 50 levels: m11 .. m60
  });

  it('reports malformed calls with their spans', () => {
    const t = table('m=M');
    const cases: [string, string, string][] = [
      ['search `m', 'macro call `m has no closing backtick', '`m'],
      ['search `` x', 'empty macro call ``', '``'],
      ['search ` m` x', 'a backtick must start a macro call: expected a macro name after it', '` m`'],
      ['search `m x`', "malformed macro call: unexpected ' ' after macro name `m", '`m x`'],
      ['search `m(a`', 'macro call `m(...) has no closing parenthesis', '`m(a`'],
      ['search `m(a) ` x', "macro call `m(...) must end with a backtick right after ')'", '`m(a)'],
      ['search `m("a)`', 'macro call `m(...) has an unterminated quoted argument', '`m("a)`'],
    ];
    for (const [search, message, where] of cases) {
      const e = splError(() => expandMacros(search, t));
      expect(e.first.message).toBe(message);
      expect(search.slice(e.first.span!.start, e.first.span!.end)).toBe(where);
    }
  });
});

describe('locate', () => {
  const t = loadMacroTable({ paths: [FIXTURES] });

  it('maps text outside expansions to the search', () => {
    const x = expandMacros(SEED, t);
    const span = at(x.text, 'EventCode IN (17,18)');
    const l = x.locate(span);
    expect(l.source.name).toBe('search');
    expect(SEED.slice(l.span.start, l.span.end)).toBe('EventCode IN (17,18)');
    expect(l.related).toEqual([]);
  });

  it('maps text of an expansion into the macro definition, with the call site', () => {
    const x = expandMacros(SEED, t);
    const l = x.locate(at(x.text, 'source=XmlWinEventLog'));
    expect(l.source.name).toBe('macro `sysmon`');
    expect(l.source.text.slice(l.span.start, l.span.end)).toBe('source=XmlWinEventLog');
    expect(l.span.start).toBe(l.source.text.indexOf(' source=XmlWinEventLog') + 1);
    expect(l.related).toEqual([{ message: 'expanded from `sysmon` here', span: { start: 0, end: 8 } }]);
  });

  it('maps a substituted argument to where it was written', () => {
    const x = expandMacros(SEED, t);
    const l = x.locate(at(x.text, 'lastTime', x.text.indexOf('ctime(lastTime')));
    expect(l.source.name).toBe('search');
    expect(l.span).toEqual(at(SEED, 'lastTime', SEED.indexOf('ctime(lastTime')));
    expect(l.related).toEqual([]);
    // argument plus definition text: the call site covering both
    const l2 = x.locate(at(x.text, 'lastTime)'));
    expect(SEED.slice(l2.span.start, l2.span.end)).toBe('`security_content_ctime(lastTime)`');
  });

  it('maps a span crossing sources to the call site covering it', () => {
    const x = expandMacros(SEED, t);
    // from inside the sysmon expansion to "EventCode" in the search
    const from = x.text.indexOf('Syslog');
    const to = x.text.indexOf('EventCode') + 'EventCode'.length;
    const l = x.locate({ start: from, end: to });
    expect(l.source.name).toBe('search');
    expect(SEED.slice(l.span.start, l.span.end)).toBe('`sysmon` EventCode');
  });

  it('maps through nested expansions, innermost first', () => {
    const x = expandMacros('| `sysmon_pipes(17,18)` | head', t);
    const l = x.locate(at(x.text, 'Syslog:Linux'));
    expect(l.source.name).toBe('macro `sysmon`');
    expect(l.related.map((r) => [r.message, r.source?.name])).toEqual([
      ['expanded from `sysmon` here', 'macro `sysmon_pipes(2)`'],
      ['expanded from `sysmon_pipes` here', undefined],
    ]);
    expect(l.related[0].source!.text.slice(l.related[0].span!.start, l.related[0].span!.end)).toBe('`sysmon`');
    // a span across the two nested expansions lands in the outer definition
    const a = x.text.indexOf('Syslog');
    const b = x.text.indexOf('lower');
    const l2 = x.locate({ start: a, end: b });
    expect(l2.source.name).toBe('macro `sysmon_pipes(2)`');
    expect(l2.source.text.slice(l2.span.start, l2.span.end)).toBe('`sysmon` EventCode IN ($first$,$second$) \n| eval pipe=');
    // the generated filter macro has a definition text too
    const y = expandMacros('`a_filter`', t);
    const l3 = y.locate({ start: 0, end: 6 });
    expect(l3.source).toEqual({ name: 'macro `a_filter`', text: 'search *' });
    expect(l3.span).toEqual({ start: 0, end: 6 });
  });
});

describe('eval-based macros and validation', () => {
  // A stub evaluator understanding just the expressions the tests use.
  const evaluate = (expr: string): string | boolean | null => {
    let m = /^"head " \. (\d+)$/.exec(expr);
    if (m) return `head ${m[1]}`;
    m = /^isint\((.*)\)$/.exec(expr);
    if (m) return /^\d+$/.test(m[1]);
    m = /^if\(isint\((.*)\), null\(\), "(.*)"\)$/.exec(expr);
    if (m) return /^\d+$/.test(m[1]) ? null : m[2];
    if (expr === 'null()') return null;
    if (expr === '1') return true;
    throw new Error(`stub cannot evaluate ${expr}`);
  };
  const t = new MacroTable([
    def({ name: 'top', args: ['n'], definition: '"head " . $n$', iseval: true }),
    def({ name: 'lim', args: ['n'], definition: 'head $n$', validation: 'isint($n$)', errormsg: 'n must be a whole number' }),
    def({ name: 'lim2', args: ['n'], definition: 'head $n$', validation: 'if(isint($n$), null(), "lim2 needs a number, not $n$")' }),
    def({ name: 'nullcheck', definition: 'x', validation: 'null()', errormsg: 'failed' }),
    def({ name: 'bad_eval', definition: '1', iseval: true }),
  ]);

  it('uses the evaluator result as the expansion', () => {
    const x = expandMacros('| `top(5)`', t, { evaluate });
    expect(x.text).toBe('| head 5');
    const l = x.locate({ start: 2, end: 6 });
    expect(l.source.name).toBe('macro `top(1)`');
    expect(l.span).toEqual({ start: 0, end: '"head " . $n$'.length });
  });

  it('needs an evaluator for iseval and validation', () => {
    expect(splError(() => expandMacros('`top(5)`', t)).first.message).toBe(
      'macro `top` has an eval-based definition, which needs the eval evaluator, and none was given',
    );
    expect(splError(() => expandMacros('`lim(5)`', t)).first.message).toMatch(/macro `lim` has a validation, which needs/);
  });

  it('rejects a non-string iseval result', () => {
    expect(splError(() => expandMacros('`bad_eval`', t, { evaluate })).first.message).toBe(
      'eval-based macro `bad_eval` must return a string, it returned true',
    );
  });

  it('applies Boolean validations with errormsg', () => {
    expect(expandMacros('`lim(10)`', t, { evaluate }).text).toBe('head 10');
    const search = '| `lim(ten)`';
    const e = splError(() => expandMacros(search, t, { evaluate }));
    expect(e.first.message).toBe('n must be a whole number');
    expect(e.first.span).toEqual(at(search, '`lim(ten)`'));
    expect(splError(() => expandMacros('`nullcheck`', t, { evaluate })).first.message).toBe('failed');
  });

  it('applies string validations: NULL passes, a string is the error', () => {
    expect(expandMacros('`lim2(3)`', t, { evaluate }).text).toBe('head 3');
    expect(splError(() => expandMacros('`lim2(x)`', t, { evaluate })).first.message).toBe('lim2 needs a number, not x');
  });
});

describe('listMacroCalls', () => {
  it('lists the calls written in a search with their spans', () => {
    const search = '`a` "`b`" | `c(x, "y,z")` | `d()`';
    const calls = listMacroCalls(search);
    expect(calls.map((c) => [c.name, c.args?.map((a) => a.text), search.slice(c.span.start, c.span.end)])).toEqual([
      ['a', undefined, '`a`'],
      ['c', ['x', '"y,z"'], '`c(x, "y,z")`'],
      ['d', [], '`d()`'],
    ]);
    const c = calls[1];
    expect(search.slice(c.nameSpan.start, c.nameSpan.end)).toBe('c');
    expect(search.slice(c.args![1].span.start, c.args![1].span.end)).toBe('"y,z"');
  });

  it('throws SplError for a malformed call', () => {
    expect(splError(() => listMacroCalls('x `y')).first.span).toEqual({ start: 2, end: 4 });
  });
});

describe('inline helper', () => {
  it('numbers arguments of name(N)=', () => {
    const t = new MacroTable([parseInlineMacro('pair(2)=$2$ then $1$')]);
    expect(expandMacros('`pair(a, b)`', t).text).toBe('b then a');
  });
});
