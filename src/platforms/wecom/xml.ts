// XML in and out of WeCom. Entities are never expanded and a DOCTYPE is refused outright
// (no entity expansion attacks); every value stays a string (MsgId is a 64-bit integer).
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { MalformedCallbackError } from './callback-guard.ts';
import { ARRAY_NAMES, parseFlatXml } from './flat-xml.ts';

export class XmlError extends MalformedCallbackError {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: true,
  isArray: (name) => ARRAY_NAMES.has(name),
});

/** Parses a `<xml>…</xml>` document into its child map (the common flat shape without the general parser). */
export function parseXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DOCTYPE and entity declarations are not accepted');
  return parseFlatXml(text) ?? parseGeneralXml(text);
}

/** The general parser, validating first (exported for the test that compares the two). */
export function parseGeneralXml(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (err) {
    throw new XmlError(`malformed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = (doc as Record<string, unknown> | undefined)?.xml;
  if (!root || typeof root !== 'object') throw new XmlError('the document has no <xml> root element');
  return root as Record<string, unknown>;
}

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false, processEntities: false });

/** Builds `<xml>` with every string value in CDATA, as WeCom sends it. */
export function buildXml(fields: Record<string, string | number | Record<string, unknown>>): string {
  return builder.build({ xml: wrapCdata(fields) }) as string;
}

function wrapCdata(value: unknown): unknown {
  if (typeof value === 'string') return { __cdata: value };
  if (Array.isArray(value)) return value.map(wrapCdata);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapCdata(v)]));
  }
  return value;
}
