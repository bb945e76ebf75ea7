import type { z } from 'zod';
import type { EnvDoc } from './env-doc';
import { SHARED_ENV_NAMES, type SharedEnv } from './shared-env';

/** Routes under `pathPrefix` take bodies up to `bytes` instead of HTTP_BODY_LIMIT_BYTES. */
export interface RouteBodyLimit {
  readonly pathPrefix: string;
  readonly bytes: number;
}

/** What an app's own rules and values read: the shared groups and the app's variables, parsed. */
export type AppEnvValues<Shape extends z.ZodRawShape> = SharedEnv & z.output<z.ZodObject<Shape>>;

/** An app's own variables, as the app writes them (see defineAppEnv). */
export interface AppEnvSpec<Shape extends z.ZodRawShape, Own extends object> {
  /** The variables only this app reads, by environment name; none may be a shared one. */
  readonly shape: Shape;
  /** Those that carry credentials: delivered from a Secret, never a ConfigMap. */
  readonly secrets?: readonly (keyof Shape & string)[];
  /** Each variable's reader-facing default and meaning, for the generated docs. */
  readonly docs: { readonly [Name in keyof Shape]: EnvDoc };
  /** The app's sections of its configuration object (for example `{ llm: … }`), beside the shared ones. */
  readonly values: (env: AppEnvValues<Shape>) => Own;
  /** Rules across variables; "VARIABLE: problem" lines, reported with the parse errors' kind. */
  readonly problems?: (env: AppEnvValues<Shape>) => string[];
  /** Routes of this app that take larger bodies than HTTP_BODY_LIMIT_BYTES. */
  readonly routeBodyLimits?: (env: AppEnvValues<Shape>) => readonly RouteBodyLimit[];
}

/**
 * An app's own variables, composed into loadConfig through its AppIdentity: parsed in one pass with
 * the shared groups (so the fail-fast report names every bad variable of both), checked, and merged
 * into the one frozen configuration object. Kubernetes, compose and the docs read the names, secrets
 * and docs from here through the app registry.
 */
export interface AppEnv<Own extends object = object> {
  readonly shape: z.ZodRawShape;
  /** The app's variables, in the order it declares them. */
  readonly names: readonly string[];
  readonly secrets: readonly string[];
  readonly docs: Readonly<Record<string, EnvDoc>>;
  /** Given the parse of the shared schema extended with `shape`. */
  readonly values: (env: SharedEnv) => Own;
  readonly problems: (env: SharedEnv) => string[];
  readonly routeBodyLimits: (env: SharedEnv) => readonly RouteBodyLimit[];
}

/** Declares an app's own variables (beside the app, docs/decisions/0120); refuses one the shared groups own. */
export function defineAppEnv<Shape extends z.ZodRawShape, Own extends object>(
  spec: AppEnvSpec<Shape, Own>,
): AppEnv<Own> {
  const names = Object.keys(spec.shape);
  const shared = names.filter((name) => (SHARED_ENV_NAMES as readonly string[]).includes(name));
  if (shared.length > 0) throw new Error(`${shared.join(', ')}: already a shared variable of libs/config`);
  // The loader parsed `shape` together with the shared schema, so these keys are present.
  const own = (env: SharedEnv) => env as AppEnvValues<Shape>;
  return {
    shape: spec.shape,
    names,
    secrets: spec.secrets ?? [],
    docs: spec.docs,
    values: (env) => spec.values(own(env)),
    problems: (env) => spec.problems?.(own(env)) ?? [],
    routeBodyLimits: (env) => spec.routeBodyLimits?.(own(env)) ?? [],
  };
}
