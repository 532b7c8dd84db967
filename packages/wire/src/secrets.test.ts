import type { SecretContext as CoreContext, KdfParams } from '@burnlink/core';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ClaimReply,
  type CreateBody,
  createBodySchema,
  type Kdf,
  PeekReply,
  type SecretContext,
} from './secrets.js';

const limits = { ttl: { min: 60, max: 3600, default: 600 }, maxViews: 3 };
const verifier = 'A'.repeat(43);

describe('the create body', () => {
  it('takes its ranges from the limits it is built with', () => {
    const schema = createBodySchema(limits);
    expect(Value.Check(schema, { ttl: 60, max_views: 3, verifier, content: 'AAAA' })).toBe(true);
    expect(Value.Check(schema, { ttl: 3601 })).toBe(false);
    expect(Value.Check(schema, { ttl: 59 })).toBe(false);
    expect(Value.Check(schema, { max_views: 4 })).toBe(false);
    expect(Value.Check(createBodySchema({ ...limits, maxViews: 10 }), { max_views: 4 })).toBe(true);
  });

  it('refuses a field the contract does not name', () => {
    expect(Value.Check(createBodySchema(limits), { text: 'x', colour: 'red' })).toBe(false);
  });

  it('has one static type whatever the limits', () => {
    expectTypeOf<CreateBody>().toEqualTypeOf<Static<ReturnType<typeof createBodySchema>>>();
    expectTypeOf<CreateBody['ttl']>().toEqualTypeOf<number | undefined>();
  });
});

describe('replies', () => {
  const peek = {
    expires_at: '2026-11-21T10:00:00.000Z',
    max_views: 1,
    views_left: 1,
    kdf: null,
    size: 120,
    files: 0,
  };

  it('accept what the server answers', () => {
    expect(Value.Check(PeekReply, peek)).toBe(true);
    expect(Value.Check(ClaimReply, { content: 'AAAA', views_left: 0, files: [] })).toBe(true);
  });

  it('fail on a field the contract does not name, a missing field, or a wrong format', () => {
    expect(Value.Check(PeekReply, { ...peek, downloads_left: 1 })).toBe(false);
    const { size: _size, ...withoutSize } = peek;
    expect(Value.Check(PeekReply, withoutSize)).toBe(false);
    expect(Value.Check(PeekReply, { ...peek, expires_at: 'tomorrow' })).toBe(false);
  });
});

it('describes kdf and context exactly as core does', () => {
  expectTypeOf<Kdf>().toEqualTypeOf<KdfParams>();
  expectTypeOf<SecretContext>().toEqualTypeOf<CoreContext>();
});
