/** @deprecated Moved to templates/runtime/fake-upstream.ts (the one fake upstream); this path is a re-export until every test imports it from there. */
import { startFakeUpstream as start, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

export { closedPort, type FakeUpstream, type RecordedRequest, type Reply as ReplySpec, type Script as Reply } from '../../templates/runtime/fake-upstream.js';

/** This module's fallback answered `{ ok: true }`. */
export const startFakeUpstream = (): Promise<FakeUpstream> => start({ fallback: { body: { ok: true } } });
