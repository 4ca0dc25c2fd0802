/**
 * Compile-time proof (type-checked by test/golden/compile.test.ts, never run) of how REST text
 * values are typed from the document: the client takes a schema's type only where the route checks
 * the text against that schema exactly.
 */
import type { RenderAvatarInput } from './expected/src/upstream/avatars.client.gen.js';
import type { ListFeesInput } from './expected/src/upstream/billing.client.gen.js';
import type { Currency } from './expected/src/schemas.gen.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T | undefined => undefined;

// allOf [$ref Currency, {example}] is a Currency.
assert<Equal<ListFeesInput['currency'], Currency | undefined>>();
// anyOf [integer, 'last'] is checked as a string by the route: the client keeps the spec's string.
assert<Equal<ListFeesInput['page'], string | undefined>>();
assert<Equal<ListFeesInput['fields'], readonly ('amount' | 'currency' | 'status')[] | undefined>>();
// A nullable enum that lists null is nullable once.
assert<Equal<RenderAvatarInput['shape'], 'circle' | 'square' | null | undefined>>();
assert<Equal<RenderAvatarInput['size'], number | undefined>>();
