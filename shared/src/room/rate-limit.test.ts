import { describe, expect, test } from 'bun:test';
import {
  classOf,
  freshBuckets,
  fullBucket,
  RATE_LIMITS,
  type RateLimit,
  takeForClass,
  takeToken,
} from './rate-limit.ts';

const limit: RateLimit = { perSecond: 5, burst: 10 };

function drain(count: number, now: number) {
  let bucket = fullBucket(limit, 0);
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const result = takeToken(bucket, limit, now);
    bucket = result.bucket;
    if (result.allowed) allowed++;
  }
  return { bucket, allowed };
}

describe('takeToken', () => {
  test('allows a burst up to the bucket size, then refuses', () => {
    expect(drain(15, 0).allowed).toBe(10);
  });

  test('refills at the sustained rate', () => {
    const { bucket } = drain(10, 0);
    expect(takeToken(bucket, limit, 100).allowed).toBe(false);
    expect(takeToken(bucket, limit, 200).allowed).toBe(true);
    const afterSecond = takeToken(bucket, limit, 1_000);
    expect(afterSecond.bucket.tokens).toBeCloseTo(4);
  });

  test('never refills past the burst', () => {
    const { bucket } = drain(1, 0);
    expect(takeToken(bucket, limit, 60_000).bucket.tokens).toBe(9);
  });

  test('a clock stepping back does not mint tokens', () => {
    const { bucket } = drain(10, 5_000);
    const back = takeToken({ ...bucket, updatedAt: 5_000 }, limit, 1_000);
    expect(back.allowed).toBe(false);
    expect(back.bucket.updatedAt).toBe(5_000);
  });
});

describe('per-class buckets', () => {
  test('a chat flood leaves commands and pings available', () => {
    let buckets = freshBuckets(0);
    for (let i = 0; i < RATE_LIMITS.chat.burst; i++) {
      buckets = takeForClass(buckets, 'chat', 0).buckets;
    }
    expect(takeForClass(buckets, 'chat', 0).allowed).toBe(false);
    expect(takeForClass(buckets, 'command', 0).allowed).toBe(true);
    expect(takeForClass(buckets, 'other', 0).allowed).toBe(true);
  });

  test('message types map to classes', () => {
    expect(classOf('chat')).toBe('chat');
    expect(classOf('reaction')).toBe('chat');
    expect(classOf('seek')).toBe('command');
    expect(classOf('buffering')).toBe('command');
    expect(classOf('ping')).toBe('other');
    expect(classOf('history')).toBe('other');
  });
});
