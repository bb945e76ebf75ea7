/**
 * `props` over `defaults`, where a prop explicitly set to undefined still takes the
 * default (a plain spread would let `{ x: undefined }` erase it).
 */
export function withDefaults<D extends object, P extends object>(defaults: D, props: P): D & P {
  const defined = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
  return { ...defaults, ...defined } as D & P;
}
