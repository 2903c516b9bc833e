/** CSV cells, the streaming JSON writer and atomic output files, in-process. */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvNumber, csvRecord, csvText, CSV_EOL } from '../../cli/csv';
import { writeJson, type JsonValue } from '../../cli/json-writer';
import { BlockBuffer, fileSink } from '../../cli/sink';
import { openOutputFile } from '../../cli/files';
import { parseCsv } from './helpers';

describe('CSV cells', () => {
  const tricky = fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", 'a', 'é', ' ', '1'),
    maxLength: 12,
  });
  it('text cells read back as the text, with an apostrophe before a formula-like start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(tricky, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 6 }),
        (texts) => {
          const line = csvRecord(texts.map(csvText)) + CSV_EOL;
          const [row] = parseCsv(line);
          expect(row).toHaveLength(texts.length);
          texts.forEach((t, i) => expect(row![i]).toBe(/^[=+\-@\t\r]/.test(t) ? `'${t}` : t));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('neutralises formula injection in text cells', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-2')).toBe("'-2");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('\tx')).toBe("'\tx");
    expect(csvText('\rx')).toBe(`"'\rx"`);
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('plain')).toBe('plain');
  });

  it('number cells read back as the same double, negatives unescaped', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const cell = csvNumber(x);
        expect(cell.startsWith("'")).toBe(false);
        expect(Object.is(Number(cell), x) || (x === 0 && Number(cell) === 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(csvNumber(-12.5)).toBe('-12.5');
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('');
  });
});

describe('writeJson', () => {
  const leaf = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc
        .array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 600 })
        .map((a) => Float64Array.from(a)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  /** The value JSON.parse should give back (typed arrays become plain arrays, -0 becomes 0). */
  const plain = (v: JsonValue): unknown =>
    v instanceof Float64Array
      ? Array.from(v, (x) => (Object.is(x, -0) ? 0 : x))
      : Array.isArray(v)
        ? v.map(plain)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x as JsonValue)]))
          : v;

  it('writes JSON that parses back into the value', () => {
    fc.assert(
      fc.property(value, (v) => {
        const chunks: string[] = [];
        writeJson(v, (c) => chunks.push(c));
        expect(JSON.parse(chunks.join(''))).toEqual(plain(v));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a long series in bounded chunks', () => {
    const chunks: string[] = [];
    writeJson({ series: new Float64Array(100_000).map((_, i) => i / 3) }, (c) => chunks.push(c));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(10_000);
    expect((JSON.parse(chunks.join('')) as { series: number[] }).series[99_999]).toBe(99_999 / 3);
  });
});

describe('atomic output files', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = (): string => (dir = mkdtempSync(join(tmpdir(), 'flywheel-sink-')));

  it('replaces the target only when complete, leaving no temporary file', () => {
    fresh();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    const sink = fileSink(target);
    for (let i = 0; i < 10_000; i++) sink.write(`${i},${i * 2}\r\n`);
    expect(readFileSync(target, 'utf8')).toBe('old'); // not yet
    sink.end();
    const text = readFileSync(target, 'utf8');
    expect(text.startsWith('0,0\r\n1,2\r\n')).toBe(true);
    expect(text.endsWith('9999,19998\r\n')).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('checks the target again before the rename: a FIFO put there meanwhile stays, the temp file goes', () => {
    fresh();
    const target = join(dir, 'out.json');
    writeFileSync(target, 'precious');
    const file = openOutputFile(target);
    file.write('{"new": true}');
    const temp = readdirSync(dir).find((n) => n.endsWith('.flywheel-tmp'))!;
    expect(temp).toMatch(/^\.out\.json\.\d+-[0-9a-f]{12}\.flywheel-tmp$/);
    rmSync(target);
    execFileSync('mkfifo', [target]);
    expect(() => file.commit()).toThrow(
      /out\.json: cannot write: is a FIFO \(named pipe\), not a regular file/,
    );
    expect(lstatSync(target).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('abort leaves no trace', () => {
    fresh();
    const sink = fileSink(join(dir, 'never.json'));
    sink.write('partial');
    sink.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails at once for a folder that does not exist', () => {
    fresh();
    expect(() => fileSink(join(dir, 'missing', 'x.json'))).toThrow(
      /x\.json: cannot write: its folder does not exist/,
    );
  });

  it('BlockBuffer joins small writes into blocks and loses nothing', () => {
    const blocks: string[] = [];
    const b = new BlockBuffer((x) => blocks.push(x));
    let expected = '';
    for (let i = 0; i < 50_000; i++) {
      const s = `${i};`;
      expected += s;
      b.write(s);
    }
    b.drain();
    expect(blocks.join('')).toBe(expected);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.length).toBeLessThan(20);
  });
});
