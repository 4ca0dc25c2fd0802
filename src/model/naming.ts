/** Identifiers for generated code, computed once here so emitters never invent names. */

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `external_customer_id` -> `externalCustomerId`; always a valid identifier. */
export function camelCase(name: string): string {
  const [first = 'x', ...rest] = words(name);
  const ident = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
  return /^[0-9]/.test(ident) ? `_${ident}` : ident;
}

/** `lago-customers` -> `LagoCustomers`; always a valid identifier. */
export function pascalCase(name: string): string {
  const ident = words(name).map(capitalize).join('') || 'X';
  return /^[0-9]/.test(ident) ? `_${ident}` : ident;
}

/** `lago-customers` -> `LAGO_CUSTOMERS`, for environment variable names. */
export function upperSnake(name: string): string {
  return words(name)
    .map((w) => w.toUpperCase())
    .join('_');
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
}
