/** What emitters produce: project-relative paths and their text. */
export interface GeneratedFile {
  /** Path inside the project directory, `/`-separated. */
  readonly path: string;
  readonly contents: string;
  /** Already in prettier's layout (written so by the emitter): the format stage leaves it alone. */
  readonly formatted?: true;
  /**
   * The team's file once written (src/hooks.ts): written only when missing, never rewritten or
   * removed, not listed in naftiko.gen.json, never reported by check.
   */
  readonly once?: true;
}

export interface GeneratorInfo {
  readonly name: string;
  readonly version: string;
}

/** Template sources the CLI reads once at the edge; emitters stay pure. */
export interface Templates {
  /** templates/runtime/*.ts by file name. */
  readonly runtime: Readonly<Record<string, string>>;
  /** templates/project/* by file name. */
  readonly project: Readonly<Record<string, string>>;
  /** Handlebars specifications precompiled at build time, by the template source they match (absent in tests run from src/). */
  readonly compiled?: ReadonlyMap<string, unknown>;
}
