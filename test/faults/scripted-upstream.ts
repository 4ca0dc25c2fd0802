/** @deprecated Moved to templates/runtime/fake-upstream.ts (the one fake upstream); this path is a re-export until every test imports it from there. */
import { startFakeUpstream, type FakeUpstream, type RecordedRequest, type Reply } from '../../templates/runtime/fake-upstream.js';

export type Handler = Reply;
export type Arrival = RecordedRequest;
export interface ScriptedUpstream extends FakeUpstream {
  readonly arrivals: RecordedRequest[];
}

export const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body }),
});

export const delayed = (ms: number, then: Reply): Reply => ({ ...then, delayMs: ms });

/** A 200 JSON answer of `bytes` bytes, chunked, that stops when the caller hangs up; `sent` says how much went out. */
export const huge = (bytes: number, sent: { bytes: number } = { bytes: 0 }): Reply => ({ stream: { bytes, sent } });

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const fake = await startFakeUpstream({ keepAliveTimeoutMs: 1_000 });
  return Object.assign(fake, { arrivals: fake.requests });
}
