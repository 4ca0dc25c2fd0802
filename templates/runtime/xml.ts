// `outputRawFormat: xml`: the upstream's XML becomes JSON before any mapping, as the format says.

import { XMLParser } from 'fast-xml-parser';
import { UpstreamBadResponseError } from './http-errors.js';
import type { UpstreamResponse } from './http.js';

// Entities are not expanded beyond the XML built-ins and attributes keep an "@_" prefix, so an
// element and an attribute of the same name stay distinct.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: true });

/** Converts a text body to JSON; empty bodies and bodies that are already JSON pass through. */
export function fromXml(operation: string) {
  return (response: UpstreamResponse): UpstreamResponse => {
    if (typeof response.body !== 'string' || response.body.trim() === '') return response;
    try {
      return { status: response.status, contentType: 'application/json', body: parser.parse(response.body, true) as unknown };
    } catch {
      throw new UpstreamBadResponseError(operation, response.status, 'the upstream answered with malformed XML');
    }
  };
}
