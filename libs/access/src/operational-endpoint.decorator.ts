import { applyDecorators } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from './public.decorator';

/**
 * Probes, scrapes and the service's self-description: open without
 * credentials and never rate-limited, since they arrive every few seconds
 * from a few addresses.
 */
export const OperationalEndpoint = (): MethodDecorator & ClassDecorator => applyDecorators(Public(), SkipThrottle());
