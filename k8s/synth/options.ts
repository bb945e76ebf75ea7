import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyOverrides, ENVIRONMENTS, type Environment } from '../environments';

export const USAGE = `Usage: npm run synth -- [--values file.json] [--image-repository R] [--image-tag T] [--env NAME]...

  --values FILE            JSON keyed by environment name, each a partial environment:
                           {"production": {"apps": {"sample-app": {"replicas": 3}}}}
  --image-repository R     registry path before the app name (or IMAGE_REPOSITORY)
  --image-tag T            image tag for both apps (or IMAGE_TAG); never "latest"
  --image-digest APP=D     pin APP's image by digest, D = sha256:<64 hex> (repeatable;
                           or IMAGE_DIGESTS="sample-app=sha256:…,llm-app=sha256:…")
  --env NAME               synthesize only this environment (repeatable)`;

export class SynthOptionsError extends Error {
  override readonly name = 'SynthOptionsError';
}

function readValues(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SynthOptionsError(`--values: cannot read ${file} as JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SynthOptionsError(`--values: ${file} must hold an object keyed by environment name`);
  }
  const known = ENVIRONMENTS.map((env) => env.name);
  for (const key of Object.keys(parsed)) {
    if (!known.includes(key)) {
      throw new SynthOptionsError(
        `--values: ${file} names an unknown environment "${key}" (known: ${known.join(', ')})`,
      );
    }
  }
  return parsed as Record<string, unknown>;
}

/** The environments to synthesize, with the values file, then flags and variables, laid over them. */
export function resolveEnvironments(argv: readonly string[], variables: NodeJS.ProcessEnv): Environment[] {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        values: { type: 'string' },
        'image-repository': { type: 'string' },
        'image-tag': { type: 'string' },
        'image-digest': { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new SynthOptionsError(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  const { values } = parsed;
  const fileValues = values.values !== undefined ? readValues(values.values) : {};
  const repository = values['image-repository'] ?? variables.IMAGE_REPOSITORY;
  const tag = values['image-tag'] ?? variables.IMAGE_TAG;
  const digestPairs = values['image-digest'] ?? (variables.IMAGE_DIGESTS ?? '').split(',').filter(Boolean);
  const digests: Record<string, string> = {};
  for (const pair of digestPairs) {
    const [app, digest] = pair.trim().split('=');
    if (!app || !digest) throw new SynthOptionsError(`--image-digest: expected APP=sha256:<digest>, got "${pair}"`);
    digests[app] = digest;
  }
  const image = {
    ...(repository !== undefined && repository !== '' ? { repository } : {}),
    ...(tag !== undefined && tag !== '' ? { tag } : {}),
    ...(Object.keys(digests).length > 0 ? { digests } : {}),
  };
  const selected = values.env ?? ENVIRONMENTS.map((env) => env.name);
  for (const name of selected) {
    if (!ENVIRONMENTS.some((env) => env.name === name))
      throw new SynthOptionsError(`--env: unknown environment "${name}"`);
  }
  return ENVIRONMENTS.filter((env) => selected.includes(env.name)).map((env) => {
    const fromFile = applyOverrides(env, fileValues[env.name] ?? {}, values.values ?? 'values');
    return Object.keys(image).length > 0 ? applyOverrides(fromFile, { image }, 'flags') : fromFile;
  });
}
