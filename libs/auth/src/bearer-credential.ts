/** The credential of an `Authorization: Bearer <credential>` header; undefined for any other form. */
export function bearerCredentialOf(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}
