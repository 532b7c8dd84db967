/**
 * Bad usage or input found by the CLI itself; the runner prints `burnlink: MESSAGE` and exits with 2.
 * Messages name the option and what is allowed, never a passphrase or secret value.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
