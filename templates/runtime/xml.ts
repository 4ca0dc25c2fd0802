// `outputRawFormat: xml`: the upstream's XML read as the reference engine reads it, with Jackson's
// `new XmlMapper().readTree(...)` (jackson-dataformat-xml 2.20: FromXmlParser over XmlTokenStream,
// JsonNodeDeserializer merging repeated names). docs/xml.md states each rule with an example; the
// golden pairs in test/runtime/xml/ check them.

import { UpstreamBadResponseError } from './http-errors.js';
import type { UpstreamResponse } from './http.js';
import { readXml, XmlError, type XmlElement } from './xml-reader.js';

export { XmlError } from './xml-reader.js';

export type XmlJson = string | null | XmlJson[] | { [key: string]: XmlJson };
type XmlObject = { [key: string]: XmlJson };

/** Name Jackson gives text that shares an element with attributes or child elements. */
const TEXT_KEY = '';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * The JSON tree of an XML document: the root element's name is dropped and its content becomes
 * the object; every value is text (XML has no other scalar). Throws XmlError when not well-formed.
 */
export function xmlToJson(xml: string): XmlJson {
  const root = readXml(xml);
  const nil = nilMarker(root);
  return nil === 'null' ? null : objectOf(root, nil === 'skip' ? 1 : 0);
}

/** Converts a successful answer's XML text to its JSON tree; empty bodies pass through. */
export function fromXml(operation: string) {
  return (response: UpstreamResponse): UpstreamResponse => {
    if (typeof response.body !== 'string' || response.body.trim() === '') return response;
    try {
      return { status: response.status, contentType: 'application/json', body: xmlToJson(response.body) };
    } catch (error) {
      if (!(error instanceof XmlError)) throw error;
      throw new UpstreamBadResponseError(operation, response.status, `malformed XML: ${error.message}`);
    }
  };
}

/**
 * `xsi:nil` counts only as an element's first attribute: "true" makes the element null (its
 * content ignored); any other value is just not reported.
 */
function nilMarker(element: XmlElement): 'null' | 'skip' | undefined {
  const first = element.attributes[0];
  if (first?.local !== 'nil' || first.namespace !== XSI) return undefined;
  return first.value === 'true' ? 'null' : 'skip';
}

/** A child element's value: null, its text (a leaf), or an object. */
function valueOf(element: XmlElement): XmlJson {
  const nil = nilMarker(element);
  if (nil === 'null') return null;
  const from = nil === 'skip' ? 1 : 0;
  const leaf = element.attributes.length === from && !element.content.some((c) => typeof c !== 'string');
  if (leaf) return element.content.join('');
  return objectOf(element, from);
}

/**
 * Attributes first, then the content in order: each child element under its local name, each text
 * run (all the text between two tags) under "" unless it is white space only.
 */
function objectOf(element: XmlElement, fromAttribute: number): XmlObject {
  const object: XmlObject = {};
  element.attributes.slice(fromAttribute).forEach((a) => put(object, a.local, a.value));
  for (const part of element.content) {
    if (typeof part !== 'string') put(object, part.local, valueOf(part));
    else if (!allWhitespace(part)) put(object, TEXT_KEY, part);
  }
  return object;
}

/** A name seen again turns into an array of its values, at the place it first appeared. */
function put(object: XmlObject, key: string, value: XmlJson): void {
  if (!Object.hasOwn(object, key)) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const old = object[key]!;
  if (Array.isArray(old)) old.push(value);
  else object[key] = [old, value];
}

/** XmlTokenStream._allWs: every character at or below U+0020. */
function allWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20) return false;
  return true;
}
