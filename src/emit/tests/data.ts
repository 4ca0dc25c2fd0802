/** Test data as a TypeScript expression. */
import { jsonLiteral, lit } from '../code.js';

/**
 * An object literal, except where a key is `__proto__`: a literal would set the prototype and
 * drop the key, so such data is written as the JSON.parse of its text, which keeps it.
 */
export function dataLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('"__proto__"') ? `JSON.parse(${lit(text)})` : jsonLiteral(value);
}
