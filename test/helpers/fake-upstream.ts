/** @deprecated Moved to templates/runtime/fake-upstream.ts (the one fake upstream); this path is a re-export until every test imports it from there. */
export { startFakeUpstream, type FakeUpstream, type RecordedRequest, type Reply } from '../../templates/runtime/fake-upstream.js';
