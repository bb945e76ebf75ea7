/**
 * Values that mark a secret as "not really set": the local defaults shipped in
 * docker-compose.yml and the local Kubernetes environment, and the usual
 * stand-ins people leave in templates. Production refuses all of them.
 */
const PLACEHOLDER_PATTERN =
  /^(|changeme|change-me|change_me|placeholder|password|secret|example|test|dev|development|local|insecure|default|todo|xxx+|\*+|dev-only.*|local-dev.*|insecure-.*|replace-?me.*)$/i;

export function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value.trim());
}

/** The password part of a connection URL, or undefined when the URL has none. */
export function urlPassword(value: string): string | undefined {
  try {
    const password = new URL(value).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}
