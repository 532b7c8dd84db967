import { randomBytes } from 'node:crypto';
import type { Lease, SecretStore } from '../stores/secret-store.js';

/** How long a lease lasts without renewal, and how often a transfer renews it. */
export interface LeaseTiming {
  /** A holder that died frees its upload or download after at most this long. Default 15 s. */
  leaseMs: number;
}

export const DEFAULT_LEASE_MS = 15_000;

export function newLease(now: number, timing: LeaseTiming): Lease {
  return { id: randomBytes(12).toString('base64url'), until: now + timing.leaseMs };
}

/**
 * Keeps a lease alive while a transfer runs: renews it every third of its length. `lost` turns true when the
 * store says another request took it over (this holder was presumed dead), so the transfer stops at once;
 * a renewal that fails for lack of the store is retried at the next tick (the lease still has two thirds
 * left). `stop()` ends the renewals.
 */
export function holdLease(
  store: SecretStore,
  target: { blobId: string; grantHash: string | null },
  lease: Lease,
  timing: LeaseTiming & { now: () => number },
  onLost: () => void = () => {},
): { readonly lost: boolean; stop(): void } {
  let lost = false;
  let renewing = false;
  const timer = setInterval(
    () => {
      if (renewing || lost) return;
      renewing = true;
      store
        .extendLease(target.blobId, target.grantHash, lease.id, timing.now() + timing.leaseMs)
        .then(
          (held) => {
            if (!held) {
              lost = true;
              onLost();
            }
          },
          () => {},
        )
        .finally(() => {
          renewing = false;
        });
    },
    Math.max(10, Math.floor(timing.leaseMs / 3)),
  );
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
