/**
 * Ikanos binary content (1.0.0-beta1): consumed operations with `outputRawFormat: binary` answer
 * bytes, which routes, tools and resources pass on with their media type. `maxBinarySize` bounds
 * them: the consumed operation's own size, else the exposing adapter's, else 10 MiB (the engine's
 * default); a larger upstream answer is an unusable one (502 on REST, an error result on MCP).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecExposedOperationT } from '../formats/spec.js';
import type { BinaryAnswer, RestRoute, UpstreamOperation } from './types.js';

const UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** `5MiB` -> 5242880 (a fraction of a byte is dropped, as the engine does). */
export function binaryBytes(size: string): number {
  const match = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB)$/.exec(size);
  if (!match) throw new Error(`not a binary size: ${size}`);
  return Math.floor(Number(match[1]) * UNITS[match[2]!]!);
}

/** The adapter's `maxBinarySize` in bytes, when it sets one. */
export function adapterBinaryLimit(size: string | undefined): { maxBinaryBytes?: number } {
  return size === undefined ? {} : { maxBinaryBytes: binaryBytes(size) };
}

/**
 * What may declare a binary answer: a REST operation (`responseBinary`, `responses`), a flow it
 * or a tool refers to (`outputMediaType`, inherited by aggregates.ts).
 */
interface Declaring {
  readonly responseBinary?: SpecExposedOperationT['responseBinary'];
  readonly responses?: SpecExposedOperationT['responses'];
  readonly outputMediaType?: string | undefined;
}

/**
 * How a route or tool answers a binary upstream operation: the media type it advertises (the
 * operation's `responseBinary`, else the binary entry of its `responses`, else the flow's or the
 * consumed operation's `outputMediaType`) and, on REST, its success status. A binary answer
 * declared for a call that answers JSON is an error (NG2405).
 */
export function binaryAnswer(op: Declaring, target: UpstreamOperation | undefined, at: SpecPath, reporter: Reporter): BinaryAnswer | undefined {
  const declared = declaredBinary(op);
  if (target?.responseFormat !== 'binary') {
    if (declared) reporter.atKey('NG2405', [...at, op.responseBinary ? 'responseBinary' : 'responses'], { what: 'a binary answer', call: target?.ref ?? 'its steps' });
    return undefined;
  }
  const mediaType = declared?.mediaType ?? op.outputMediaType ?? target.mediaType;
  return { ...(mediaType ? { mediaType } : {}), ...(declared?.status !== undefined ? { status: declared.status } : {}) };
}

function declaredBinary(op: Declaring): { mediaType: string; status?: number } | undefined {
  if (op.responseBinary) return { mediaType: op.responseBinary.mediaType, ...(op.responseBinary.status !== undefined ? { status: op.responseBinary.status } : {}) };
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const binary = Object.entries(response.content ?? {}).find(([, c]) => c.binary === true);
    if (binary) return { mediaType: binary[0], ...(/^\d+$/.test(status) ? { status: Number(status) } : {}) };
  }
  return undefined;
}

/** `responses` as the OpenAPI document describes them. */
export function responsesOf(responses: NonNullable<SpecExposedOperationT['responses']>): NonNullable<RestRoute['responses']> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, r]) => [
      status,
      {
        ...(r.description !== undefined ? { description: r.description } : {}),
        content: Object.fromEntries(Object.entries(r.content ?? {}).map(([type, c]) => [type, { binary: c.binary === true, ...(c.schema ? { schema: c.schema } : {}) }])),
      },
    ]),
  );
}
