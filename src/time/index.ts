/**
 * Time: formatting and parsing with Splunk's format variables, time
 * modifiers, and time zones.
 */
export { strftime } from './strftime.js';
export { strptime } from './strptime.js';
export { parseTimeModifier, relativeTime } from './modifiers.js';
export { isValidTimeZone, localTimeZone } from './zone.js';
export { parseNow } from './now.js';
