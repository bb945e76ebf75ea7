import { bearerCredentialOf } from './bearer-credential';

describe(bearerCredentialOf.name, () => {
  it('reads the credential of the Bearer scheme, in any letter case, with any spaces around it', () => {
    expect(bearerCredentialOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerCredentialOf('bearer nko_key')).toBe('nko_key');
    expect(bearerCredentialOf('BEARER \t nko_key  ')).toBe('nko_key');
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme that only ends in Bearer', 'NotBearer abc'],
    ['no credential', 'Bearer '],
    ['no space after the scheme', 'Bearerabc'],
    ['two words', 'Bearer abc def'],
    ['an absent header', undefined],
  ])('answers undefined for %s', (_case, header) => {
    expect(bearerCredentialOf(header)).toBeUndefined();
  });
});
