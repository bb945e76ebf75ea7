/** One variable as the docs show it; docs/configuration.md and docs/QUICKREF.md are generated from these. */
export interface EnvDoc {
  /** The default as a reader needs it; must show the schema's own default where it has one. */
  readonly default: string;
  /** What it does; starts with "sample-app:" or "llm-app:" when only one app reads it. */
  readonly meaning: string;
}
