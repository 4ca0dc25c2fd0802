/**
 * The Ikanos document shapes the reader walks (`$defs` names of ikanos-schema-*.json), as far as
 * reading them into the alpha2 shape needs: which maps are keyed by name, which keys were renamed,
 * which arrived after 1.0.0-alpha3. Everything else about a value (types, enums, required keys) is
 * checked afterwards by the same zod schemas as alpha2 (src/formats/spec.ts).
 * test/unit/ikanos-shapes.test.ts holds these tables to the official schemas of every version.
 */
import type { IkanosVersion } from '../spec.js';

export type KindName =
  | 'Document'
  | 'Info'
  | 'Capability'
  | 'ImportEntry'
  | 'Binding'
  | 'ConsumesHttp'
  | 'ConsumedInputParameter'
  | 'ConsumedHttpResource'
  | 'ConsumedHttpOperation'
  | 'ConsumedOutputParameter'
  | 'ExposesRest'
  | 'ExposedResource'
  | 'ExposedInputParameter'
  | 'ExposedOperation'
  | 'ExposesMcp'
  | 'McpTool'
  | 'McpToolInputParameter'
  | 'McpResource'
  | 'McpPrompt'
  | 'McpPromptArgument'
  | 'ExposesSkill'
  | 'ExposedSkill'
  | 'SkillTool'
  | 'ExposesControl'
  | 'Aggregate'
  | 'AggregateFlow'
  | 'OperationStep'
  | 'StepOutputMapping'
  | 'OrchestratedOutput';
export type Section = 'consumes' | 'exposes' | 'aggregates' | 'binds';

export type Shape =
  /** Copied as plain data; zod checks it. */
  | 'leaf'
  | { readonly object: KindName }
  /** A map keyed by name: becomes a list whose entries carry the key as `name`. */
  | { readonly keyed: KindName }
  /** A map of named entries that stays a map; each entry also carries its key as `name`. */
  | { readonly named: KindName }
  | { readonly list: KindName }
  /** A list of inline entries and `ImportEntry`s (`from` + `import`). */
  | { readonly section: Section }
  /** A list: mapped outputs (the same in both formats). A map: keyed orchestrated or mock outputs. */
  | 'outputs';

export interface Field {
  readonly shape: Shape;
  /** The key's alpha2 name, when it was renamed. */
  readonly as?: string;
  /** The version that introduced the key, when later than 1.0.0-alpha3. */
  readonly since?: IkanosVersion;
  /** Enum values that came later than the key itself. */
  readonly values?: Readonly<Record<string, IkanosVersion>>;
}

export interface Kind {
  readonly fields: Readonly<Record<string, Field>>;
  /** Keys the official schema lacks that naftiko-gen reads as in alpha2 (the catalogue dialect). */
  readonly dialect?: readonly string[];
  /** Keys are not checked here, as alpha2 does not check them (steps and outputs are loose there). */
  readonly open?: boolean;
}

const leaf: Field = { shape: 'leaf' };
const display: Field = { shape: 'leaf', as: 'label' };
const tags = leaf;
const object = (of: KindName): Field => ({ shape: { object: of } });
const keyed = (of: KindName): Field => ({ shape: { keyed: of } });
const section = (of: Section): Field => ({ shape: { section: of } });
const since = (version: IkanosVersion, field: Field = leaf): Field => ({ ...field, since: version });
const outputs: Field = { shape: 'outputs' };
const steps = keyed('OperationStep');
const mappings: Field = { shape: { list: 'StepOutputMapping' } };

const ROOT_SECTIONS = {
  consumes: section('consumes'),
  exposes: section('exposes'),
  aggregates: section('aggregates'),
  binds: section('binds'),
};

export const KINDS: Readonly<Record<KindName, Kind>> = {
  Document: { fields: { ikanos: leaf, info: object('Info'), capability: object('Capability'), ...ROOT_SECTIONS } },
  Info: { fields: { display, description: leaf, tags, created: leaf, modified: leaf, version: since('1.0.0-beta4'), stakeholders: leaf } },
  Capability: { fields: ROOT_SECTIONS },
  ImportEntry: { fields: { from: { shape: 'leaf', as: 'location' }, import: leaf, as: leaf, description: leaf } },
  Binding: { fields: { namespace: leaf, description: leaf, location: leaf, keys: leaf } },
  ConsumesHttp: {
    fields: {
      namespace: leaf,
      type: leaf,
      description: leaf,
      baseUri: leaf,
      inputParameters: keyed('ConsumedInputParameter'),
      authentication: leaf,
      tunnel: leaf,
      resources: keyed('ConsumedHttpResource'),
    },
  },
  ConsumedInputParameter: { fields: { in: leaf, value: leaf }, dialect: ['type', 'description', 'required'] },
  ConsumedHttpResource: {
    fields: { display, description: leaf, tags, path: leaf, inputParameters: keyed('ConsumedInputParameter'), operations: keyed('ConsumedHttpOperation') },
  },
  ConsumedHttpOperation: {
    fields: {
      display,
      description: leaf,
      tags,
      method: leaf,
      inputParameters: keyed('ConsumedInputParameter'),
      outputRawFormat: { shape: 'leaf', values: { binary: '1.0.0-beta1' } },
      outputMediaType: since('1.0.0-beta1'),
      maxBinarySize: since('1.0.0-beta1'),
      outputSchema: leaf,
      outputParameters: keyed('ConsumedOutputParameter'),
      body: leaf,
    },
    dialect: ['path'],
  },
  ConsumedOutputParameter: { fields: { type: leaf, value: leaf }, open: true },
  ExposesRest: {
    fields: {
      type: leaf,
      address: leaf,
      port: leaf,
      namespace: leaf,
      authentication: leaf,
      maxBinarySize: since('1.0.0-beta1'),
      resources: keyed('ExposedResource'),
    },
    dialect: ['description'],
  },
  ExposedResource: {
    fields: { display, description: leaf, tags, path: leaf, inputParameters: keyed('ExposedInputParameter'), operations: keyed('ExposedOperation'), forward: leaf },
  },
  ExposedInputParameter: { fields: { in: leaf, type: leaf, description: leaf, pattern: leaf, value: leaf }, dialect: ['required'] },
  ExposedOperation: {
    fields: {
      display,
      tags,
      description: leaf,
      method: leaf,
      inputParameters: keyed('ExposedInputParameter'),
      ref: leaf,
      call: leaf,
      with: leaf,
      outputParameters: outputs,
      steps,
      mappings,
      responses: since('1.0.0-beta1'),
      responseBinary: since('1.0.0-beta1'),
    },
  },
  ExposesMcp: {
    fields: {
      type: leaf,
      transport: leaf,
      address: leaf,
      port: leaf,
      namespace: leaf,
      description: leaf,
      maxBinarySize: since('1.0.0-beta1'),
      ttlMs: since('1.0.0-beta4'),
      cacheScope: since('1.0.0-beta4'),
      authentication: leaf,
      tools: keyed('McpTool'),
      resources: keyed('McpResource'),
      prompts: keyed('McpPrompt'),
    },
  },
  McpTool: {
    fields: {
      display,
      tags,
      description: leaf,
      inputParameters: keyed('McpToolInputParameter'),
      ref: leaf,
      call: leaf,
      with: leaf,
      steps,
      mappings,
      hints: leaf,
      outputParameters: outputs,
    },
  },
  McpToolInputParameter: { fields: { type: leaf, description: leaf, required: leaf } },
  McpResource: {
    fields: {
      display,
      uri: leaf,
      description: leaf,
      mimeType: leaf,
      binary: since('1.0.0-beta1'),
      call: leaf,
      with: leaf,
      steps,
      mappings,
      outputParameters: outputs,
      location: leaf,
    },
  },
  McpPrompt: { fields: { display, description: leaf, arguments: keyed('McpPromptArgument'), template: leaf, location: leaf } },
  McpPromptArgument: { fields: { display, description: leaf, required: leaf } },
  ExposesSkill: { fields: { type: leaf, address: leaf, port: leaf, namespace: leaf, description: leaf, authentication: leaf, skills: keyed('ExposedSkill') } },
  ExposedSkill: {
    fields: {
      description: leaf,
      license: leaf,
      compatibility: leaf,
      metadata: leaf,
      'allowed-tools': leaf,
      'argument-hint': leaf,
      'user-invocable': leaf,
      'disable-model-invocation': leaf,
      location: leaf,
      tools: keyed('SkillTool'),
    },
  },
  SkillTool: { fields: { description: leaf, from: leaf, instruction: leaf } },
  ExposesControl: { fields: { type: leaf, address: leaf, port: leaf, authentication: leaf, management: leaf, observability: leaf } },
  Aggregate: { fields: { display, namespace: leaf, flows: { shape: { keyed: 'AggregateFlow' }, as: 'functions' } } },
  AggregateFlow: {
    fields: {
      description: leaf,
      tags,
      semantics: leaf,
      outputMediaType: since('1.0.0-beta1'),
      inputParameters: keyed('McpToolInputParameter'),
      call: leaf,
      with: leaf,
      steps,
      mappings,
      outputParameters: outputs,
    },
  },
  OperationStep: {
    fields: { type: leaf, call: leaf, with: leaf, index: leaf, match: leaf, lookupValue: leaf, outputParameters: leaf, language: leaf, location: leaf, file: leaf, dependencies: leaf },
    open: true,
  },
  StepOutputMapping: { fields: { target: { shape: 'leaf', as: 'targetName' }, value: leaf }, open: true },
  OrchestratedOutput: {
    fields: { type: leaf, value: leaf, properties: { shape: { named: 'OrchestratedOutput' } }, items: { shape: { keyed: 'OrchestratedOutput' } } },
    open: true,
  },
};

/** The kind of one entry of a section list: an import, or the inline kind (by `type` for adapters). */
export function sectionEntryKind(section: Section, entry: ReadonlyMap<unknown, unknown>): KindName | 'leaf' {
  if (entry.has('from') || entry.has('import')) return 'ImportEntry';
  switch (section) {
    case 'consumes':
      return 'ConsumesHttp';
    case 'aggregates':
      return 'Aggregate';
    case 'binds':
      return 'Binding';
    case 'exposes':
      return ownEntry(EXPOSES_KINDS, String(entry.get('type'))) ?? 'leaf';
  }
}

const EXPOSES_KINDS: Readonly<Record<string, KindName>> = { rest: 'ExposesRest', mcp: 'ExposesMcp', skill: 'ExposesSkill', control: 'ExposesControl' };

/** A table's own entry for a key from the document: `constructor` or `__proto__` finds nothing inherited. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
