import { decodeScopes, encodeScopes } from './stored-scopes';

describe(encodeScopes.name, () => {
  it('stores distinct scopes, sorted, space-separated, and reads them back', () => {
    const stored = encodeScopes(['items:write', 'items:read', 'items:write']);
    expect(stored).toBe('items:read items:write');
    expect(decodeScopes(stored)).toEqual(['items:read', 'items:write']);
  });
});

describe(decodeScopes.name, () => {
  it('drops words that are not scopes, so a retired scope grants nothing', () => {
    expect(decodeScopes('items:read root  ')).toEqual(['items:read']);
  });
});
