/** A handoff delivers its value to the taker inside give(), whichever comes first. */
import { describe, expect, it } from 'vitest';
import { Handoff } from '../../cli/handoff';

describe('Handoff', () => {
  it('runs a waiting taker inside give(), before give returns', () => {
    const h = new Handoff<number>();
    const got: number[] = [];
    h.take((v) => got.push(v));
    expect(got).toEqual([]);
    h.give(7);
    expect(got).toEqual([7]);
  });

  it('gives a late taker the value at once', () => {
    const h = new Handoff<string>();
    h.give('models');
    let got: string | null = null;
    h.take((v) => (got = v));
    expect(got).toBe('models');
  });

  it('is given once and taken once', () => {
    const h = new Handoff<number>();
    h.take(() => undefined);
    expect(() => h.take(() => undefined)).toThrow(/one taker/);
    h.give(1);
    expect(() => h.give(2)).toThrow(/once/);
  });
});
