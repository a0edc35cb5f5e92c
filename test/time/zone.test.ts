import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localTimeZone, parseNow } from '../../src/time/index.js';

describe('time zones', () => {
  it('isValidTimeZone', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
  it('localTimeZone is a valid zone', () => {
    expect(isValidTimeZone(localTimeZone())).toBe(true);
  });
});

describe('parseNow', () => {
  // 2025-04-30T14:37:12Z = 1746023832 (see modifiers.test.ts)
  it('ISO 8601', () => {
    expect(parseNow('2025-04-30T14:37:12Z')).toBe(1746023832);
    expect(parseNow('2025-04-30T14:37:12.250Z')).toBe(1746023832.25);
    expect(parseNow('2025-04-30T16:37:12+02:00')).toBe(1746023832);
    expect(parseNow('2025-04-30 14:37:12')).toBe(1746023832);
    expect(parseNow('2025-04-30')).toBe(1745971200);
    expect(parseNow('2025-04-30T10:37:12', 'America/New_York')).toBe(1746023832);
  });
  it('epoch', () => {
    expect(parseNow('1746023832')).toBe(1746023832);
    expect(parseNow('1715682151.455')).toBe(1715682151.455);
  });
  it('rejects anything else', () => {
    expect(parseNow('yesterday')).toBeUndefined();
    expect(parseNow('2025-13-01')).toBeUndefined();
    expect(parseNow('')).toBeUndefined();
  });
});
