import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../synth/paths';

// k8s/validate.mts is ESM (kubernetes-models is ESM-only) and Jest runs CommonJS here, so
// the test runs the script as CI does.
function validate(folder: string) {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  return spawnSync(tsx, [join(REPO_ROOT, 'k8s', 'validate.mts'), folder], { encoding: 'utf8', cwd: REPO_ROOT });
}

describe('k8s:validate', () => {
  it('accepts the committed charts-out', () => {
    const result = validate(join(REPO_ROOT, 'charts-out'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/k8s:validate: \d+ objects .* are valid/);
    expect(result.status).toBe(0);
  }, 60_000);

  it('reports schema violations and unknown fields, each with its object, and fails', () => {
    const result = validate(join(__dirname, 'fixtures', 'invalid-manifests'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Deployment -/typo-in-field: spec.template.spec.containers[0].readinessProbes: unknown field',
    );
    expect(result.stderr).toContain('Service -/wrong-type: data/spec/ports/0/port must be integer');
    expect(result.stderr).toContain(
      'ServiceMonitor -/missing-endpoints-field: data/spec must have required property endpoints',
    );
  }, 60_000);

  it('checks custom resources against a CRD shipped in the same output, schema and unknown fields', () => {
    const result = validate(join(__dirname, 'fixtures', 'custom-resources'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Widget -/wrong-type: /spec/size must be integer');
    expect(result.stderr).toContain('Widget -/typo-in-field: spec.sizes: unknown field');
    expect(result.stderr).not.toContain('Widget -/valid');
    expect(result.stderr).toMatch(/k8s:validate: 2 problem\(s\)/);
  }, 60_000);
});
