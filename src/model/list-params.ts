/**
 * Consumed parameters some call passes a list to (an array input, or a `with` literal that is a
 * list), marked `list` so the typed client takes several values for them. One pass over every call
 * of the model, after the surfaces are resolved: which parameters receive lists is only known then.
 */
import type { ArgBinding, ArgSource, CallTarget, McpSurface, RestSurface, Upstream } from './types.js';

export function markListParams(upstreams: readonly Upstream[], surfaces: { rest?: RestSurface | undefined; mcp?: McpSurface | undefined }): Upstream[] {
  const calls: { call: CallTarget; args: readonly ArgBinding[] }[] = [];
  for (const invocation of [...(surfaces.rest?.routes ?? []), ...(surfaces.mcp?.tools ?? []), ...(surfaces.mcp?.resources ?? [])]) {
    if (invocation.call) calls.push({ call: invocation.call, args: invocation.args });
    const steps = 'orchestration' in invocation ? (invocation.orchestration?.steps ?? []) : [];
    for (const step of steps) if (step.kind === 'call') calls.push(step);
  }
  const lists = new Set(calls.flatMap(({ call, args }) => args.filter((a) => isList(a.source)).map((a) => `${call.upstream}.${call.operation}#${a.target}`)));
  if (lists.size === 0) return [...upstreams];
  return upstreams.map((upstream) => ({
    ...upstream,
    operations: upstream.operations.map((op) => ({
      ...op,
      params: op.params.map((p) => {
        const alreadyList = p.type === 'array' && p.in === 'query';
        const carriesList = lists.has(`${upstream.key}.${op.functionName}#${p.name}`) && (p.in === 'query' || p.in === 'header' || p.in === 'cookie');
        return carriesList && !alreadyList ? { ...p, list: true } : p;
      }),
    })),
  }));
}

function isList(source: ArgSource): boolean {
  return source.kind === 'literal' ? Array.isArray(source.value) : source.convert === 'array';
}
