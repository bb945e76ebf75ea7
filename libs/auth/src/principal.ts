export const ROLE_NAMES = ['user', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/**
 * Scopes an API key can be limited to. A user signed in with an access token
 * holds every scope; their role still decides admin-only routes.
 */
export const SCOPES = ['items:read', 'items:write', 'cache:read', 'cache:write', 'llm:invoke'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling, as established by the auth guard. */
export interface Principal {
  /** `anonymous` only where auth is switched off (development with nothing configured). */
  readonly kind: 'access-token' | 'api-key' | 'anonymous';
  readonly userId: string;
  readonly role: RoleName;
  readonly scopes: readonly Scope[];
  /** The token's `jti` or the API key's id. */
  readonly credentialId: string;
}

/** Request augmentation: the guard stores the principal here. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
