/**
 * Compile-time proof (type-checked by test/golden/compile.test.ts, never run) that the generated
 * mappers return the declared types, not `unknown` or `any`.
 */
import { mapGetOrderOutput, mapListOrdersOutput, type GetOrderOutput } from './expected/src/rest/outputs.gen.js';
import { mapGreetOutput, type GetOrderOutput as ToolOutput } from './expected/src/mcp/outputs.gen.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T | undefined => undefined;

const order = mapGetOrderOutput({});
assert<Equal<typeof order, GetOrderOutput>>();
assert<Equal<GetOrderOutput['id'], string | null | undefined>>();
assert<Equal<GetOrderOutput['total'], number | null | undefined>>();
assert<Equal<GetOrderOutput['paid'], boolean | null | undefined>>();
assert<Equal<GetOrderOutput['customer'], { name?: string | null; email?: string | null }>>();
assert<Equal<GetOrderOutput['lines'][number]['tags'], Array<string | null>>>();
assert<Equal<GetOrderOutput['label'], string>>();
assert<Equal<GetOrderOutput['source'], 'shop-api'>>();
assert<Equal<GetOrderOutput['version'], 2>>();
assert<Equal<ReturnType<typeof mapListOrdersOutput>[number]['lines'][number]['sku'], string | null | undefined>>();
assert<Equal<ToolOutput['lines'][number], { sku?: string | null; qty?: number | null }>>();
assert<Equal<ReturnType<typeof mapGreetOutput>, { greeting: string; status: 'ok' }>>();

// An `any` or `unknown` result would let these through; a typed one does not.
// @ts-expect-error a mapped string is not a number
export const wrong: number = order.id;
// @ts-expect-error a constant has its literal type
export const other: 'other' = order.source;
// @ts-expect-error there is no property the spec did not map
export const unmapped = order.internal;
