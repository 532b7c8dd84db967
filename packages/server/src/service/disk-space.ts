import { statfs } from 'node:fs/promises';

/** The blob volume's size and what is left of it for this process (`bavail`: without root's reserve). */
export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Reads the blob volume's space; null in `ServiceDeps` means the blob store has no volume (memory, PostgreSQL). */
export type DiskSpaceProbe = () => Promise<DiskSpace>;

/** `BURNLINK_MIN_FREE_SPACE`: refuse new file bytes when less than `percent` % of the volume or `bytes` is free. */
export interface MinFreeSpace {
  percent: number;
  bytes: number;
}

/**
 * `fs.promises.statfs` on `directory`, cached for `cacheMs` (one call per second, not one per chunk or per
 * request). Concurrent callers share one pending call.
 *
 * @example
 * const diskSpace = statfsProbe('/var/lib/burnlink/blobs');
 * const { freeBytes } = await diskSpace();
 */
export function statfsProbe(directory: string, cacheMs = 1000, now: () => number = Date.now): DiskSpaceProbe {
  let cached: { at: number; value: Promise<DiskSpace> } | null = null;
  return () => {
    const at = now();
    if (cached !== null && at - cached.at < cacheMs) return cached.value;
    const value = statfs(directory).then((s) => ({
      freeBytes: s.bavail * s.bsize,
      totalBytes: s.blocks * s.bsize,
    }));
    // A failed call is not remembered: the next caller asks again.
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
    cached = { at, value };
    return value;
  };
}

/** The watermark in bytes for a volume of `totalBytes`: the larger of the two limits. */
export function watermarkBytes(totalBytes: number, min: MinFreeSpace): number {
  return Math.max(Math.ceil((totalBytes * min.percent) / 100), min.bytes);
}

/** True when the free space is below either limit (a volume at the watermark exactly still takes bytes). */
export function belowWatermark(space: DiskSpace, min: MinFreeSpace): boolean {
  return space.freeBytes < watermarkBytes(space.totalBytes, min);
}
