export { IS_PUBLIC, Public } from './public.decorator';
export { OperationalEndpoint } from './operational-endpoint.decorator';
