import { describe, expect, it } from 'vitest';
import { parseDetection } from '../../src/testing/detection.js';
import { SplError } from '../../src/diagnostics/diagnostic.js';

describe('parseDetection', () => {
  it('reads tests, observables (Victim/Attacker) and manual_test', () => {
    const d = parseDetection(
      [
        'name: X',
        'status: production',
        "search: '`sysmon` EventCode=1 | stats count by dest user'",
        'tags:',
        '  manual_test: by hand',
        '  observable:',
        '  - {name: dest, type: Hostname, role: [Victim]}',
        '  - {name: user, type: User, role: [Victim, Attacker]}',
        '  - {name: process_name, type: Process, role: [Attacker]}',
        'tests:',
        '- name: True Positive Test',
        '  attack_data:',
        '  - data: https://x/attack_data/master/a.log',
        '    source: S',
        '    sourcetype: ST',
        '    host: H',
      ].join('\n'),
      'x.yml',
    );
    expect(d.name).toBe('X');
    expect(d.riskObjects).toEqual(['dest', 'user']);
    expect(d.threatObjects).toEqual(['user', 'process_name']);
    expect(d.manualTest).toBe('by hand');
    expect(d.tests).toEqual([{ name: 'True Positive Test', attackData: [{ data: 'https://x/attack_data/master/a.log', source: 'S', sourcetype: 'ST', host: 'H' }] }]);
  });
  it('rba risk_objects and threat_objects win over observables', () => {
    const d = parseDetection("search: x\nrba:\n  risk_objects:\n  - {field: dest, type: system, score: 5}\n  threat_objects:\n  - {field: file_name, type: file_name}\n", 'x.yml');
    expect(d.riskObjects).toEqual(['dest']);
    expect(d.threatObjects).toEqual(['file_name']);
  });
  it('maps an offset in the search to its line and column in the file', () => {
    const text = "name: t\nsearch: '| makeresults\n  | eval x=''a'' | eval y=nosuch(1)'\n";
    const d = parseDetection(text, 't.yml');
    expect(d.search).toBe("| makeresults | eval x='a' | eval y=nosuch(1)");
    const at = d.at(d.search.indexOf('nosuch'));
    expect(at).toEqual({ line: 3, column: text.split('\n')[2].indexOf('nosuch') + 1 });
    expect(d.at(0)).toEqual({ line: 2, column: 10 });
  });
  it('a block scalar', () => {
    const text = 'search: |\n  | makeresults\n  | eval y=nosuch(1)\n';
    const d = parseDetection(text, 't.yml');
    expect(d.at(d.search.indexOf('nosuch'))).toEqual({ line: 3, column: 12 });
  });
  it('a file without search: is an input error', () => {
    expect(() => parseDetection('name: x\n', 'x.yml')).toThrow(SplError);
    expect(() => parseDetection('search: [unclosed\n', 'x.yml')).toThrow(/not valid YAML/);
  });
});
