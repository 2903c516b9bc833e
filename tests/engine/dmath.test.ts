/**
 * The deterministic elementary functions (simulation/engine/dmath.ts): special values as the
 * standard says, every result within one unit in the last place of the engine's Math (any libm
 * is), and pinned bit patterns (they must never change: the same bits in every engine is their
 * point, and every simulated number depends on them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbrt, cos, exp, log, pow, sin } from '../../simulation/engine/dmath';

const hex = (x: number): string =>
  Buffer.from(new Float64Array([x]).buffer)
    .reverse()
    .toString('hex');

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const bits = (x: number): bigint => new BigInt64Array(new Float64Array([x]).buffer)[0]!;
  const d = bits(a) - bits(b);
  return Number(d < 0n ? -d : d);
}

const SPECIAL = [0, -0, 1, -1, 0.5, 2, 3, -3, Infinity, -Infinity, NaN, 5e-324, 1e-310, 1e308];

describe('dmath', () => {
  it('gives the special values Math gives', () => {
    for (const x of SPECIAL) {
      expect(exp(x), `exp(${x})`).toBe(Math.exp(x));
      expect(log(x), `log(${x})`).toBe(Math.log(x));
      expect(cbrt(x), `cbrt(${x})`).toBe(Math.cbrt(x));
      for (const y of SPECIAL) {
        const m = Math.pow(x, y);
        if (!Number.isFinite(m) || m === 0 || Number.isInteger(y) || Math.abs(x) === 1)
          expect(pow(x, y), `pow(${x}, ${y})`).toBe(m);
      }
    }
    for (const x of [0, -0, Infinity, -Infinity, NaN]) {
      expect(sin(x), `sin(${x})`).toBe(Math.sin(x));
      expect(cos(x), `cos(${x})`).toBe(Math.cos(x));
    }
    expect(exp(1)).toBe(Math.E);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(pow(-8, 1 / 3)).toBeNaN();
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(2, -1075)).toBe(0);
    expect(pow(2, 1024)).toBe(Infinity);
  });

  it("stays within one ulp of the engine's Math on random arguments (property)", () => {
    const finite = fc.double({ min: -700, max: 700, noNaN: true });
    const positive = fc.double({ min: 1e-300, max: 1e300, noNaN: true });
    fc.assert(
      fc.property(finite, positive, fc.double({ min: -50, max: 50, noNaN: true }), (x, p, y) => {
        expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(1);
        expect(ulps(log(p), Math.log(p))).toBeLessThanOrEqual(1);
        expect(ulps(cbrt(x), Math.cbrt(x))).toBeLessThanOrEqual(1);
        const q = Math.pow(p, y / 50);
        if (q > 1e-300 && q < 1e300) expect(ulps(pow(p, y / 50), q)).toBeLessThanOrEqual(1);
        const angle = (x / 700) * 40;
        expect(Math.abs(sin(angle) - Math.sin(angle))).toBeLessThanOrEqual(2 ** -52);
        expect(Math.abs(cos(angle) - Math.cos(angle))).toBeLessThanOrEqual(2 ** -52);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the pinned bits (exp, log, pow, sin, cos, cbrt)', () => {
    const cases: [number, number, number, number, ...string[]][] = [
      [
        1.5566178998667746,
        0.5305039323866367,
        9.211143674328923,
        1.3363387793940997,
        '40c38c04a3de4b8a',
        '3fdc522c57997127',
        '3ff43bcda30f27d6',
        '3fef1fdefab67b21',
        '3fcdbc82e49b5849',
        '4000c511805c39a7',
      ],
      [
        0.7046572305951267,
        -0.3783847838640213,
        -14.69966015778482,
        3.0733354444144814,
        '3e9bb86860e468f0',
        'bfd6671e13da1b77',
        '3ff24416d9bc7279',
        '3fb175d4eb345e53',
        'bfefecec88322134',
        'c00398dd5941db0c',
      ],
      [
        0.803268172847107,
        -1.5798849202692509,
        11.372836576774716,
        0.21435517460485234,
        '40f539018a816cc3',
        'bfcc0a604fee54b6',
        '3ff69de06f551398',
        '3fcb3a52ec74041f',
        '3fef4484150755e2',
        '4001fd999b047b7a',
      ],
      [
        0.5126272422019392,
        1.369541235268116,
        -2.254908373579383,
        2.148395529251536,
        '3fbad99f51997c41',
        'bfe561f23921568d',
        '3fd9a12bda03dc8a',
        '3feacf0f78f70cd4',
        'bfe178f2bbcba55c',
        'bff4fb2dae9ad799',
      ],
      [
        2.683359715225175,
        -1.5668695084750652,
        -15.278796879574656,
        2.848019054739596,
        '3e8f1165b0689ae2',
        '3fef96130ede3a96',
        '3fcb42904c1b8374',
        '3fd2851dc294cd6c',
        'bfeea18332baed5c',
        'c003d9e7118d35eb',
      ],
      [
        2.773836992749944,
        -0.1339644491672516,
        0.5592181626707315,
        4.364953517400226,
        '3ffbfd267fdf59da',
        '3ff052de53668194',
        '3febe980f45013e5',
        'bfee1685107fa706',
        'bfd5ca8c9d07c718',
        '3fea5d2b8414f64a',
      ],
      [
        0.11610677565820515,
        1.6555105559527874,
        7.523378925397992,
        5.982930257174416,
        '409ceb3df15cf91f',
        'c00139d887f2a908',
        '3f9cfbf6918bd0bb',
        'bfd2edcb85cf6cf4',
        '3fee917fb23ca340',
        '3fff59f89c2b743f',
      ],
      [
        2.3585810531619935,
        1.3165653869509697,
        -4.602693757042289,
        1.7337857968291193,
        '3f8487e134a59430',
        '3feb753aa48468e2',
        '4008c1f44dcb3768',
        '3fef936d98be0e3a',
        'bfc4c5392886af8d',
        'bffa9d66c14852b2',
      ],
      [
        1.663606903584674,
        -1.2694112919270992,
        -8.16687929444015,
        2.2793142859489626,
        '3f329b186ef202d8',
        '3fe049a15dfd5caa',
        '3fe0c53eb757671b',
        '3fe84c6851bc8386',
        'bfe4d29bf54dc24a',
        'c0001c48f3391680',
      ],
      [
        2.4880451076421886,
        -0.2855602353811264,
        -11.088498746976256,
        1.34278242443778,
        '3ef0079c1d056c95',
        '3fed2afc654f6a5a',
        '3fe8aaa3bcb1e65d',
        '3fef2bf7f5c22029',
        '3fcceefc749ca640',
        'c001d6e4b279b278',
      ],
      [
        0.024981574224308134,
        -0.9924910701811314,
        15.287681268528104,
        0.08196670603659877,
        '4150a08794dbb6bd',
        'c00d8455ca4cabf0',
        '404377c52a688bb8',
        '3fb4f5c1ca2961cb',
        '3fefe47f0aebfd54',
        '4003dae32f150c9e',
      ],
      [
        2.634696578675881,
        -1.6357529982924461,
        13.298382172361016,
        0.16284666582299698,
        '4122320c787ead86',
        '3fef0025cd1300bc',
        '3fca3dfa634a91fe',
        '3fc4c09b17aee19d',
        '3fef939e2c11ffc7',
        '4002f4191060d826',
      ],
    ];
    for (const [a, b, c, v, e, l, p, s, co, cb] of cases) {
      expect([
        hex(exp(c)),
        hex(log(a)),
        hex(pow(a, b)),
        hex(sin(v)),
        hex(cos(v)),
        hex(cbrt(c)),
      ]).toEqual([e, l, p, s, co, cb]);
    }
  });
});
