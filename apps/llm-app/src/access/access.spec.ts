import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { LlmAppConfig } from '../config/llm-app-config';
import { anonymousPrincipalIfAuthIsOff } from './access-mode';
import { ConfigApiKeyAuthenticator } from './config-api-key.authenticator';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

const configWith = (auth: { jwksUrl?: string; apiKeyHashes?: string[]; env?: string }) =>
  ({
    app: { env: auth.env ?? 'test' },
    auth: { jwksUrl: auth.jwksUrl },
    llm: { apiKeyHashes: auth.apiKeyHashes ?? [] },
  }) as unknown as LlmAppConfig;

describe(ConfigApiKeyAuthenticator.name, () => {
  describe('authenticate', () => {
    const authenticator = new ConfigApiKeyAuthenticator(
      configWith({ apiKeyHashes: [sha256('first-key'), sha256('second-key')] }),
    );

    it('accepts any configured key as a client of its own, holding llm:invoke only', async () => {
      for (const key of ['first-key', 'second-key']) {
        const id = `key-${sha256(key).slice(0, 12)}`;
        await expect(authenticator.authenticate(key)).resolves.toEqual({
          kind: 'api-key',
          userId: id,
          role: 'user',
          scopes: ['llm:invoke'],
          credentialId: id,
        });
      }
    });

    it('refuses a key whose digest is not configured', async () => {
      await expect(authenticator.authenticate('third-key')).resolves.toBeUndefined();
      await expect(authenticator.authenticate('')).resolves.toBeUndefined();
    });
  });
});

describe(anonymousPrincipalIfAuthIsOff.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('serves anonymously, with llm:invoke only, when neither a JWKS URL nor API keys are configured', () => {
    expect(anonymousPrincipalIfAuthIsOff(configWith({}))).toEqual({
      kind: 'anonymous',
      userId: 'anonymous',
      role: 'user',
      scopes: ['llm:invoke'],
      credentialId: 'anonymous',
    });
  });

  it('keeps auth on when either a JWKS URL or an API key is configured', () => {
    expect(anonymousPrincipalIfAuthIsOff(configWith({ jwksUrl: 'http://127.0.0.1:1/jwks' }))).toBeUndefined();
    expect(anonymousPrincipalIfAuthIsOff(configWith({ apiKeyHashes: [sha256('k')] }))).toBeUndefined();
  });

  it('says loudly, outside tests, that auth is off', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    anonymousPrincipalIfAuthIsOff(configWith({}));
    expect(warn).not.toHaveBeenCalled();
    anonymousPrincipalIfAuthIsOff(configWith({ env: 'development' }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('auth is OFF'));
    warn.mockClear();
    anonymousPrincipalIfAuthIsOff(configWith({ env: 'development', apiKeyHashes: [sha256('k')] }));
    expect(warn).not.toHaveBeenCalled();
  });
});
