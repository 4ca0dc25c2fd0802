/** Questions emitters ask of the model to decide which optional packages a project needs. */
import type { CapabilityModel, ConvertedFormat } from '../model/types.js';
import { readCalls, readResourceCalls } from './ts/invocation.js';

/** Whether some route, tool or resource reads an answer in this format (a pass-through does not). */
export function readsAnswerFormat(model: CapabilityModel, format: ConvertedFormat): boolean {
  const read = [...readCalls(model.rest?.routes ?? []), ...readCalls(model.mcp?.tools ?? []), ...readResourceCalls(model.mcp?.resources ?? [])];
  return read.some((call) => call.format === format);
}
