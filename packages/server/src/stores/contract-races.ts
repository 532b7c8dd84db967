import { describe, expect, it } from 'vitest';
import {
  type ContractContext,
  countBy,
  fileRefs,
  HOUR,
  lease,
  MINUTE,
  newGrant,
  uploadAll,
} from './contract-fixtures.js';

// Part of the store contract suite (`contract-suite.ts`). Real concurrency: the calls of each round are in
// flight together, and the invariants must hold whichever order the backend serialises them in.

/** Rounds per two-party race: enough for both orders to come up on a backend with real parallelism. */
const ROUNDS = 40;

/**
 * Both calls in flight together, issued in the opposite order every other round: a backend whose first
 * call happens to run to its end before the second starts still meets the other order.
 */
async function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) return Promise.all([a(), b()]);
  const [second, first] = await Promise.all([b(), a()]);
  return [first, second];
}

/** A staged secret whose first file is complete and whose last file has a writer about to finish it. */
async function stagedAtLastWrite(ctx: ContractContext, now: number) {
  const files = fileRefs(10, 20);
  const fixture = await ctx.created({ now, files });
  await uploadAll(ctx.store, [files[0]], now);
  const writer = lease(now + MINUTE);
  expect(await ctx.store.startUpload(files[1].id, 0, writer, now)).toMatchObject({ status: 'ok' });
  const finish = () => ctx.store.finishUpload(files[1].id, writer.id, 20, now);
  return { ...fixture, files, finish };
}

/** Lifecycle races: ending a secret against sealing it, and one winner for every lease and view. */
export function describeRaces(ctx: ContractContext): void {
  describe('races', () => {
    it('burn vs the finishUpload that seals: the secret always ends burned, never peekable, no file left', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const now = Date.now();
        const { secret, right, files, finish } = await stagedAtLastWrite(ctx, now);
        const [burned, finished] = await race(round, () => ctx.store.burn(secret.receiptHash, now), finish);
        // Staged or just sealed, the secret was pending and unexpired: this burn ended it either way.
        expect(burned).toMatchObject({ known: true, secretId: secret.id, ended: true });
        expect([...burned.blobIds].sort()).toEqual(files.map((file) => file.id).sort());
        expect(['not_found', 'ok']).toContain(finished.status);
        if (finished.status === 'ok') expect(finished.sealed).toBe(true);
        expect(await ctx.store.peek(secret.id, now)).toBeNull();
        expect(await ctx.store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
        expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'burned' });
        expect(await ctx.store.knownBlobs(files.map((file) => file.id))).toEqual(new Set());
      }
    });

    it('cancel vs the finishUpload that seals: exactly one wins, never cancelled and sealed both', async () => {
      const winners = { cancel: 0, seal: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const now = Date.now();
        const { secret, right, files, finish } = await stagedAtLastWrite(ctx, now);
        const [cancelled, finished] = await race(
          round,
          () => ctx.store.cancelUpload(files[0].id, now),
          finish,
        );
        if (cancelled.status === 'cancelled') {
          winners.cancel += 1;
          expect(finished).toEqual({ status: 'not_found' });
          expect([...cancelled.blobIds].sort()).toEqual(files.map((file) => file.id).sort());
          expect(await ctx.store.peek(secret.id, now)).toBeNull();
          expect(await ctx.store.claim(secret.id, right, now)).toEqual({ status: 'not_found' });
          expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({ state: 'burned' });
        } else {
          winners.seal += 1;
          expect(cancelled).toEqual({ status: 'sealed' });
          expect(finished).toMatchObject({ status: 'ok', sealed: true });
          expect(await ctx.store.peek(secret.id, now)).toMatchObject({ viewsLeft: 1 });
        }
      }
      expect(winners.cancel + winners.seal).toBe(ROUNDS);
    });

    it('20 concurrent startUpload at one offset: exactly one ok, the others busy', async () => {
      const now = Date.now();
      const [file] = fileRefs(100);
      await ctx.created({ now, files: [file] });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => ctx.store.startUpload(file.id, 0, lease(now + MINUTE), now)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, busy: 19 });
    });

    it('20 concurrent startDownload with one grant on one file: exactly one ok, the others in_progress', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const { secret, right } = await ctx.sealed({ now, files });
      const grant = newGrant(now + HOUR);
      await ctx.store.claim(secret.id, right, now, grant);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          ctx.store.startDownload(files[0].id, grant.hash, lease(now + MINUTE), now),
        ),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, in_progress: 19 });
    });

    it('20 concurrent claims of a one-view file secret, each with its grant: one ok, only its grant downloads', async () => {
      const now = Date.now();
      const files = fileRefs(100);
      const { secret, right } = await ctx.sealed({ now, files });
      const grants = Array.from({ length: 20 }, () => newGrant(now + HOUR));
      const outcomes = await Promise.all(
        grants.map((grant) => ctx.store.claim(secret.id, right, now, grant)),
      );
      expect(countBy(outcomes)).toEqual({ ok: 1, not_found: 19 });
      const starts = await Promise.all(
        grants.map((grant) => ctx.store.startDownload(files[0].id, grant.hash, lease(now + MINUTE), now)),
      );
      const winner = outcomes.findIndex((outcome) => outcome.status === 'ok');
      expect(starts.map((start) => start.status)).toEqual(
        grants.map((_, i) => (i === winner ? 'ok' : 'not_found')),
      );
    });

    it('two grants of a two-view secret deliver at once: the file record is deleted exactly once', async () => {
      for (let round = 0; round < ROUNDS / 4; round++) {
        const now = Date.now();
        const files = fileRefs(100);
        const { secret, right } = await ctx.sealed({ now, files, maxViews: 2 });
        const grants = [newGrant(now + HOUR), newGrant(now + HOUR)];
        const readers = [lease(now + MINUTE), lease(now + MINUTE)];
        for (const [i, grant] of grants.entries()) {
          await ctx.store.claim(secret.id, right, now, grant);
          await ctx.store.startDownload(files[0].id, grant.hash, readers[i]!, now);
        }
        const outcomes = await Promise.all(
          grants.map((grant, i) =>
            ctx.store.finishDownload(files[0].id, grant.hash, readers[i]!.id, true, now),
          ),
        );
        const deletes = outcomes.map((outcome) => outcome.status === 'ok' && outcome.deleteBlob);
        expect(deletes.filter(Boolean)).toHaveLength(1);
        expect(outcomes.map((outcome) => outcome.status)).toEqual(['ok', 'ok']);
        expect(await ctx.store.knownBlobs([files[0].id])).toEqual(new Set());
        expect(await ctx.store.receipt(secret.receiptHash, now)).toMatchObject({
          downloads: [{ file: 0 }, { file: 0 }],
        });
      }
    });
  });
}
