/**
 * A user's apps' eventtypes.conf and tags.conf (--knowledge), read as
 * eventtypes.conf.spec and tags.conf.spec describe them.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKnowledge, knowledgeWith } from '../../src/searchtime/eventtypes.js';
import { loadKnowledge } from '../../src/searchtime/knowledge-files.js';

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'splinter-app-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const ctx = { now: 1_700_000_000, tz: 'UTC' };

describe('loadKnowledge', () => {
  it('adds tags to a built-in eventtype and URL-decoded field-value tags', () => {
    const dir = app({
      'default/tags.conf': '[eventtype=ms-sysmon-process]\nwatched = enabled\n\n[user=a%20b]\nvip = enabled\nold = disabled\n',
    });
    const loaded = loadKnowledge([dir]);
    expect(loaded.problems).toEqual([]);
    const k = compileKnowledge(ctx, knowledgeWith(loaded.sets));
    const row = new Map<string, string | string[]>([
      ['source', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'],
      ['EventCode', '1'],
      ['user', 'a b'],
    ]);
    k.process(row);
    expect(row.get('eventtype')).toBe('ms-sysmon-process');
    expect(row.get('tag')).toEqual(['process', 'report', 'vip', 'watched']);
    expect(row.get('tag::user')).toBe('vip');
  });

  it('reports what it cannot use and keeps the rest', () => {
    const dir = app({
      'default/eventtypes.conf': '[good]\nsearch = a=1\ntags = t\n\n[bad]\nsearch = a=(\n\n[cisco-%code%]\nsearch = code=*\n\n[empty]\ndisabled = 0\n',
    });
    const loaded = loadKnowledge([dir, join(dir, 'nope')]);
    expect(loaded.sets).toHaveLength(1);
    expect(loaded.sets[0].eventtypes.map((e) => e.name)).toEqual(['good']);
    expect(loaded.problems).toHaveLength(4);
    expect(loaded.problems.join('\n')).toMatch(/eventtype \[bad\]: .*skipped/);
    expect(loaded.problems.join('\n')).toContain('eventtype template [cisco-%code%] is not supported');
    expect(loaded.problems.join('\n')).toContain('eventtype [empty] has no search');
    expect(loaded.problems.join('\n')).toContain('nope: no such file or folder');
  });

  it('lets local/ override default/ key by key', () => {
    const dir = app({
      'default/eventtypes.conf': '[x]\nsearch = a=1\ntags = one\n',
      'local/eventtypes.conf': '[x]\ntags = two\n',
    });
    const [set] = loadKnowledge([dir]).sets;
    expect(set.eventtypes).toEqual([{ name: 'x', search: 'a=1', tags: ['two'] }]);
  });
});
