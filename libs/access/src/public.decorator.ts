import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'access:isPublic';

/**
 * Marks a controller or route as reachable without credentials. Everything
 * else requires authentication: the guard denies by default.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
