// Values handed to code loaded by gas-local must come from its vm realm, or its `instanceof` checks fail.
import vm from 'node:vm';

export interface Realm {
  readonly Array: ArrayConstructor;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
}

export const HOST_REALM: Realm = { Array, Date, Error };

/** The builtins of a vm context (what gas-local returns). */
export function realmOf(context: object): Realm {
  if (!vm.isContext(context)) return HOST_REALM;
  return vm.runInContext('({ Array: Array, Date: Date, Error: Error })', context) as Realm;
}

const toTag = Object.prototype.toString;

/** True for a Date from any realm; never `instanceof Date`, which fails across realms. */
export function isDate(value: unknown): value is Date {
  return typeof value === 'object' && value !== null && toTag.call(value) === '[object Date]';
}

export function dateMs(value: Date): number {
  return Date.prototype.getTime.call(value);
}
