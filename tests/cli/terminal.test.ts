/**
 * Nothing a file or a name holds reaches the terminal as a control sequence: the escaping
 * functions in-process (with a property test), then the CLI as a child process with hostile
 * scenario names, file names and keys.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, MAX_NAME_CHARS, shown, terminalSafe } from '../../cli/terminal';
import { serializeScenario } from '../../simulation/scenario/load';
import { withPreset } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, tempFolder } from './helpers';

/** What must never be printed raw: C0 but tab and line feed, DEL, C1, bidi controls, separators. */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const HOSTILE_NAME = '\u001b]0;owned\u0007\u001b[2J\u001b[31mRed\u009b1m\u202eevil\u2066';

describe('shown and terminalSafe', () => {
  it('escape what a terminal would act on, visibly', () => {
    expect(shown(HOSTILE_NAME)).toBe(
      '\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mRed\\u009b1m\\u202eevil\\u2066',
    );
    expect(shown('two\nlines\tand a tab')).toBe('two\\nlines\\tand a tab');
    expect(terminalSafe('line one\nline\ttwo\r\u001b[K')).toBe(
      'line one\nline\ttwo\\u000d\\u001b[K',
    );
    // Lone surrogates (not valid text) are shown by their code; pairs (emoji) stay.
    expect(shown('a\ud800b 🙂')).toBe('a\\ud800b 🙂');
  });

  it('shorten long names in the middle, keeping both ends', () => {
    const name = `${'a'.repeat(300)}.flywheel.json`;
    const s = shown(name);
    expect(Array.from(s)).toHaveLength(MAX_NAME_CHARS);
    expect(s.startsWith('aaaa')).toBe(true);
    expect(s.endsWith('.flywheel.json')).toBe(true);
    expect(s).toContain('…');
  });

  it('cut very long lines', () => {
    const text = terminalSafe(`short\n${'x'.repeat(MAX_LINE_CHARS + 500)}`, MAX_LINE_CHARS);
    const [first, second] = text.split('\n');
    expect(first).toBe('short');
    expect(second).toBe(`${'x'.repeat(MAX_LINE_CHARS)}… (500 more characters)`);
  });

  it('property: no raw control character survives, line breaks are kept by terminalSafe only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const a = shown(text);
        const b = terminalSafe(text);
        expect(RAW_CONTROL.test(a)).toBe(false);
        expect(a).not.toMatch(/[\n\t\r]/);
        expect(Array.from(a).length).toBeLessThanOrEqual(MAX_NAME_CHARS);
        expect(RAW_CONTROL.test(b.replaceAll('\r\n', '\n'))).toBe(false);
        expect(b.split('\n').length).toBe(text.split('\n').length);
        // Text without anything to escape passes unchanged.
        if (!RAW_CONTROL.test(text) && !/[\ud800-\udfff\ufeff]/.test(text)) expect(b).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the CLI prints no control sequence from outside text', () => {
  let dir = '';
  let cleanup = (): void => undefined;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempFolder());
    writeFileSync(
      join(dir, 'hostile.json'),
      serializeScenario({ ...withPreset(), name: HOSTILE_NAME }),
    );
    const file = JSON.parse(serializeScenario(withPreset())) as Record<string, unknown>;
    file['\u001b[2Jcolour\u0007'] = 'blue';
    writeFileSync(join(dir, 'hostile-key.json'), JSON.stringify(file));
    writeFileSync(join(dir, `${HOSTILE_NAME}.json`), '{');
  });
  afterAll(() => cleanup());

  const noRawControls = (text: string) => expect(RAW_CONTROL.test(text)).toBe(false);

  it('validate shows the scenario name escaped', () => {
    const r = flywheel(['validate', 'hostile.json'], dir);
    expect(r.code).toBe(0);
    noRawControls(r.stdout);
    expect(r.stdout).toBe(
      "hostile.json: valid scenario '\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mRed\\u009b1m\\u202eevil\\u2066' (4 data products, 3 AI consumers)\n",
    );
  });

  it('a file name with escapes and line breaks is escaped in messages, on one line', () => {
    const name = `${HOSTILE_NAME}\nforged line.json`;
    const r = flywheel(['run', name], dir);
    expect(r.code).toBe(2);
    noRawControls(r.stderr);
    expect(r.stderr).toBe(
      '\\u001b]0;owned\\u0007\\u001b[2J\\u001b[31mRed\\u009b1m\\u202eevil\\u2066\\nforged line.json: cannot read: no such file\n',
    );
  });

  it('an invalid file with such a name: every line of the message is escaped', () => {
    const r = flywheel(['validate', `${HOSTILE_NAME}.json`], dir);
    expect(r.code).toBe(2);
    noRawControls(r.stderr);
    expect(r.stderr).toContain('\\u001b]0;owned');
  });

  it('a key in the file is escaped in the message', () => {
    const r = flywheel(['run', 'hostile-key.json'], dir);
    expect(r.code).toBe(2);
    noRawControls(r.stderr);
    expect(r.stderr).toContain('colour');
  });

  it('a long file name is shortened in the message', () => {
    const name = `${'very-long-folder-name/'.repeat(40)}plan.json`;
    const r = flywheel(['validate', name], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^very-long-folder-name\/.*….*\/plan\.json: cannot read: /);
    expect(Array.from(r.stderr.split(': ')[0]!)).toHaveLength(MAX_NAME_CHARS);
  });

  it('flag values are escaped too', () => {
    const r = flywheel(['run', '--mode', '\u001b[2J\u009b'], dir);
    expect(r.code).toBe(2);
    noRawControls(r.stderr);
  });

  it('the JSON and CSV output of a scenario with such a name hold no raw control character', () => {
    for (const format of ['json', 'csv']) {
      const r = flywheel(['run', 'hostile.json', '--weeks', '4', '--format', format], dir);
      expect(r.code).toBe(0);
      // CSV records end in CR LF (RFC 4180); nothing else may be a control character.
      noRawControls(r.stdout.replaceAll('\r\n', '\n'));
      if (format === 'json')
        expect((JSON.parse(r.stdout) as { meta: { scenarioName: string } }).meta.scenarioName).toBe(
          HOSTILE_NAME,
        );
    }
  });
});
