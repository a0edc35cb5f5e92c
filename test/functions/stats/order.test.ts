import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// Doc time-functions example: sshd invalid-user events, newest first as a search returns them.
const USERS = ['tomcat', 'brian', 'operator', 'rightscale', 'testuser', 'redmine'];
const TIMES = [
  Date.UTC(2023, 4, 1, 0, 15, 5),
  Date.UTC(2023, 3, 30, 0, 16, 17),
  Date.UTC(2023, 3, 30, 0, 11, 25),
  Date.UTC(2023, 3, 29, 0, 19, 1),
  Date.UTC(2023, 3, 29, 0, 13, 45),
  Date.UTC(2023, 3, 28, 0, 23, 28),
].map((ms) => ms / 1000);

describe('first / last', () => {
  it('follow the order values are added, not time', () => {
    expect(run('first', USERS, TIMES)).toBe('tomcat');
    expect(run('last', USERS, TIMES)).toBe('redmine');
    expect(run('first', [undefined, 'b', 'c'])).toBe('b');
    expect(run('last', ['a', 'b', undefined])).toBe('b');
  });

  it('a multivalue gives its first / last value', () => {
    expect(run('first', [['x', 'y'], 'z'])).toBe('x');
    expect(run('last', ['z', ['x', 'y']])).toBe('y');
    expect(run('first', [undefined])).toBeUndefined();
  });

  it('numbers stay numbers', () => {
    expect(run('first', [42, 'a'])).toBe(42);
  });
});

describe('earliest / latest / earliest_time / latest_time', () => {
  it('pick by _time (doc: earliest → redmine, latest → tomcat)', () => {
    expect(run('earliest', USERS, TIMES)).toBe('redmine');
    expect(run('latest', USERS, TIMES)).toBe('tomcat');
    expect(run('earliest_time', USERS, TIMES)).toBe(TIMES[5]);
    expect(run('latest_time', USERS, TIMES)).toBe(TIMES[0]);
  });

  it('on equal times the value seen first wins', () => {
    expect(run('earliest', ['a', 'b', 'c'], [5, 5, 9])).toBe('a');
    expect(run('latest', ['a', 'b', 'c'], [5, 9, 9])).toBe('b');
  });

  it('skip absent values and events without a time', () => {
    expect(run('earliest', ['a', undefined, 'c'], [undefined, 1, 3])).toBe('c');
    expect(run('latest_time', [undefined, 'b'], [10, 4])).toBe(4);
    expect(run('latest', ['a'], [undefined])).toBeUndefined();
    expect(run('earliest_time', [], [])).toBeUndefined();
  });

  it('a multivalue stands for its first value', () => {
    expect(run('latest', ['a', ['x', 'y']], [1, 2])).toBe('x');
  });
});
