/**
 * Consumed APIs: the values the official Ikanos schema is stricter about than naftiko-gen (a base
 * URI the schema's pattern rejects, a parameter value written as a number) and the catalogue's
 * operation-level paths.
 */
import { upperSnake } from '../model/naming.js';
import type { Changes } from './changes.js';
import { parse } from 'yaml';
import { entry, scalarOf, setQuoted, setScalar, type Token } from './cst.js';
import { splitOperationPaths } from './operation-paths.js';

/** `ConsumesHttp.baseUri` in every Ikanos schema. */
const OFFICIAL_BASE_URI = /^https?:\/\/[^/]+(\/[^{]*)?$/;

export function consumedApi(api: Token, changes: Changes): void {
  splitOperationPaths(entry(api, 'resources')?.item.value, changes);
  baseUri(api, changes);
}

/**
 * A base URI naftiko-gen cannot use as a default (empty, a template, a `{variable}` in the path)
 * makes the service read its base URL from <NAMESPACE>_BASE_URL. The schema needs a URI: the
 * placeholder `https://{<NAMESPACE>_BASE_URL}` says the same to naftiko-gen and to a reader.
 */
function baseUri(api: Token, changes: Changes): void {
  const found = entry(api, 'baseUri');
  const value = scalarOf(found?.item.value);
  const namespace = scalarOf(entry(api, 'namespace')?.item.value);
  if (!found?.item.value || value === undefined || OFFICIAL_BASE_URI.test(value) || namespace === undefined) return;
  const env = `${upperSnake(namespace)}_BASE_URL`;
  changes.report('NG4018', found.item, { uri: value, env });
  setScalar(found.item.value, `https://{${env}}`);
}

/** A consumed parameter's `value` is text in Ikanos; naftiko-gen reads a number or boolean as its text. */
export function consumedParamValue(param: Token): void {
  const value = entry(param, 'value')?.item.value;
  if (value?.type !== 'scalar') return;
  const read: unknown = parse(value.source);
  if (typeof read === 'number' || typeof read === 'boolean') setQuoted(value, String(read));
}
