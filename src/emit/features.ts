/** Questions emitters ask of the model to decide which optional files and packages a project needs. */
import type { CapabilityModel } from '../model/types.js';

export function usesXml(model: CapabilityModel): boolean {
  return model.upstreams.some((u) => u.operations.some((op) => op.responseFormat === 'xml'));
}
