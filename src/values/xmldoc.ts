/**
 * Whole-document XML parsing (spath on XML, eval spath()), with
 * fast-xml-parser: document order kept, attributes as plain names, values
 * left as text.
 */
import { XMLParser } from 'fast-xml-parser';

export const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** A node of the ordered parse: one tag → its children (or text), attributes under ':@'. */
export type XmlNode = { [tag: string]: XmlNode[] | string } & { ':@'?: Record<string, string> };
