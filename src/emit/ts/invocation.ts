/** The upstream call an exposed route or tool makes: `upstreams.<api>.<operation>({...}, options)`. */
import type { ArgBinding, CallTarget } from '../../model/types.js';
import { access, lit, prop } from '../code.js';

/** `inputOf` renders the expression of one caller input, by the key ArgSource names. */
export function callExpression(call: CallTarget, args: readonly ArgBinding[], inputOf: (key: string) => string): string {
  const fields = args.map((a) => `${prop(a.target)}: ${a.source.kind === 'literal' ? lit(a.source.value) : inputOf(a.source.input)}`);
  return `${access(access('upstreams', call.upstream), call.operation)}({ ${fields.join(', ')} }, options)`;
}
