/**
 * Small runtime checks of JSON values against the wire contract's static types (`@burnlink/wire`, imported as
 * types only: the SDK runs in browsers and must not carry TypeBox). `shape<T>` takes one check per field of
 * `T`, optional ones included, so a field added to the contract is a compile error until the SDK checks it.
 *
 * @example
 * ```ts
 * const isCreated = shape<CreateReply>({ id: string, receipt: string, expires_at: string, … });
 * if (!isCreated(body)) return unexpected('answer to create');
 * ```
 */
export type Check = (value: unknown) => boolean;

export type Checks<T> = { [K in keyof T]-?: Check };

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function shape<T>(checks: Checks<T>): (value: unknown) => value is T {
  const entries = Object.entries<Check>(checks);
  return (value): value is T => isObject(value) && entries.every(([key, check]) => check(value[key]));
}

export const string: Check = (value) => typeof value === 'string';
export const boolean: Check = (value) => typeof value === 'boolean';
/** A whole number ≥ 0 (sizes, counts, offsets). */
export const count: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
export const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
export const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
export const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);
/** One of the values of a string union, listed as the keys of a record so that a new member cannot be missed. */
export const oneOf =
  <T extends string>(members: Record<T, true>): Check =>
  (value) =>
    typeof value === 'string' && Object.hasOwn(members, value);
