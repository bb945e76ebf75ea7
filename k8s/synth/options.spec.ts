import { resolveEnvironments } from './options';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe(resolveEnvironments.name, () => {
  it('pins images by the digests given with --image-digest', () => {
    const [env] = resolveEnvironments(['--env', 'production', '--image-digest', `llm-app=${digest('a')}`], {});
    expect(env?.image.digests).toEqual({ 'llm-app': digest('a') });
  });

  it('reads the digests from IMAGE_DIGESTS when no flag gives them', () => {
    const [env] = resolveEnvironments(['--env', 'local'], {
      IMAGE_DIGESTS: `sample-app=${digest('b')},llm-app=${digest('c')}`,
    });
    expect(env?.image.digests).toEqual({ 'sample-app': digest('b'), 'llm-app': digest('c') });
  });

  it('refuses a malformed digest, naming its path', () => {
    expect(() => resolveEnvironments(['--env', 'local', '--image-digest', 'llm-app=sha256:abc'], {})).toThrow(
      /image\.digests\.llm-app: expected an image digest/,
    );
    expect(() => resolveEnvironments(['--image-digest', 'llm-app'], {})).toThrow(/^--image-digest:/);
  });
});
