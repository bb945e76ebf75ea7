import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, ObjectLiteral, Repository } from 'typeorm';

const open = new AsyncLocalStorage<EntityManager>();

/**
 * Runs `work` inside a transaction that every `joinTransaction(repository)` call made during it
 * joins, without threading a manager through services: an idempotent create commits its row and
 * its idempotency record together, or neither (decision 0090).
 */
export function withinTransaction<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  return open.run(manager, work);
}

/** `repository` bound to the transaction of `withinTransaction` when one is open, else `repository` itself. */
export function joinTransaction<T extends ObjectLiteral>(repository: Repository<T>): Repository<T> {
  const manager = open.getStore();
  return manager === undefined ? repository : manager.getRepository<T>(repository.target);
}
