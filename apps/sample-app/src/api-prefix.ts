/** Every business route lives under this prefix; operational routes stay at the root. */
export const API_PREFIX = 'api/v1';
