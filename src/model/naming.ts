/**
 * Identifiers for generated code, computed once here so emitters never invent names. This is the
 * only place a SafeIdent is made: every name is reduced to ASCII letters, digits and `_` first, so
 * a spec name never reaches code as it is written.
 */
import type { SafeIdent } from './types.js';

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function safe(name: string): SafeIdent {
  if (!IDENT.test(name)) throw new Error(`internal error: ${JSON.stringify(name)} is not an identifier`);
  return name as SafeIdent;
}

/** `external_customer_id` -> `externalCustomerId`; always a valid identifier. */
export function camelCase(name: string): SafeIdent {
  const [first = 'x', ...rest] = words(name);
  const ident = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
  return safe(/^[0-9]/.test(ident) ? `_${ident}` : ident);
}

/** `lago-customers` -> `LagoCustomers`; always a valid identifier. */
export function pascalCase(name: string): SafeIdent {
  const ident = words(name).map(capitalize).join('') || 'X';
  return safe(/^[0-9]/.test(ident) ? `_${ident}` : ident);
}

/** An identifier with fixed text around it: `map` + `ListCustomersOutput`, `listCustomersOutput` + `Schema`. */
export function affixed(prefix: string, name: SafeIdent, suffix: string): SafeIdent {
  return safe(`${prefix}${name}${suffix}`);
}

/** `lago-customers` -> `LAGO_CUSTOMERS`, for environment variable names. */
export function upperSnake(name: string): string {
  return words(name)
    .map((w) => w.toUpperCase())
    .join('_');
}

/**
 * The prefix of the environment variables named after a spec name (`LAGO_CUSTOMERS` of
 * `LAGO_CUSTOMERS_BASE_URL`): its upperSnake form, with `_` in front when that is empty or starts
 * with a digit, which no shell accepts as the start of a variable name.
 */
export function envPrefix(name: string): string {
  const snake = upperSnake(name);
  return /^[A-Z]/.test(snake) ? snake : `_${snake}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Hands out names unique within one scope, suffixing `2`, `3`, ... in first-come order. */
export class Uniquer {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    reserved.forEach((r) => this.taken.add(r));
  }

  claim(base: string, join = ''): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${join}${n}`;
    this.taken.add(name);
    return name;
  }

  /** An identifier stays one: digits are appended directly. */
  claimIdent(base: SafeIdent): SafeIdent {
    return safe(this.claim(base));
  }
}
