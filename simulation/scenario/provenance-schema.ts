/**
 * The parts of the scenario file that say where values came from (format version 2): each
 * value's provenance (typed by the user, or calibrated to a KPI history) and the record of the
 * last calibration adopted (its data and what was fitted), so both survive save and open and the
 * report can draw the data against the model.
 */
import { z } from 'zod';

/** Periods a history may hold: ten years of weeks (520) plus its start, with room to spare. */
export const MAX_HISTORY_PERIODS = 600;
/** Series a history may hold. */
export const MAX_HISTORY_SERIES = 20;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** An assumption or metric name: dot-separated segments of letters, digits and hyphens. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9][A-Za-z0-9-]*){0,5}$/;

const describe = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
};

const isoDate = z
  .string({ error: (iss) => `expected a date (YYYY-MM-DD), got ${describe(iss.input)}` })
  .regex(ISO_DATE, { error: (iss) => `expected a date (YYYY-MM-DD), got ${describe(iss.input)}` });

const name = z
  .string({ error: (iss) => `expected a name, got ${describe(iss.input)}` })
  .max(200, { error: 'expected at most 200 characters' })
  .regex(NAME_PATTERN, { error: (iss) => `expected a parameter name, got ${describe(iss.input)}` });

const fileName = z
  .string({ error: (iss) => `expected a file name, got ${describe(iss.input)}` })
  .min(1, { error: 'expected a file name' })
  .max(260, { error: 'expected at most 260 characters' });

const finite = (what: string) =>
  z
    .number({ error: (iss) => `expected ${what}, got ${describe(iss.input)}` })
    .refine(Number.isFinite, {
      error: `expected ${what}`,
    });

export const provenanceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('input'), date: isoDate }),
    z.strictObject({ kind: z.literal('calibrated'), file: fileName, date: isoDate }),
  ],
  { error: (iss) => `expected {"kind": "input" or "calibrated", ...}, got ${describe(iss.input)}` },
);

export const provenanceMapSchema = z
  .record(name, provenanceSchema, {
    error: (iss) => `expected an object of parameter names, got ${describe(iss.input)}`,
  })
  .refine((r) => Object.keys(r).length <= 2000, { error: 'expected at most 2000 entries' });

const period = z.strictObject({
  label: z.string().max(40, { error: 'expected at most 40 characters' }),
  fromWeek: finite('a week').pipe(z.number().min(0).max(520)),
  toWeek: finite('a week').pipe(z.number().min(0).max(520)),
});

const series = z.strictObject({
  metric: name,
  aggregate: z.enum(['point', 'total', 'average'], {
    error: (iss) => `expected "point", "total" or "average", got ${describe(iss.input)}`,
  }),
  weight: finite('a weight').pipe(
    z.number().min(0, { error: 'expected a weight from 0 to 1000' }).max(1000, {
      error: 'expected a weight from 0 to 1000',
    }),
  ),
  values: z.array(z.union([finite('a number or null'), z.null()])).max(MAX_HISTORY_PERIODS),
});

export const kpiHistorySchema = z
  .strictObject({
    frequency: z.enum(['weekly', 'monthly'], {
      error: (iss) => `expected "weekly" or "monthly", got ${describe(iss.input)}`,
    }),
    startDate: z.union([isoDate, z.null()]),
    periods: z
      .array(period)
      .min(1, { error: 'expected at least one period' })
      .max(MAX_HISTORY_PERIODS),
    series: z
      .array(series)
      .min(1, { error: 'expected at least one series' })
      .max(MAX_HISTORY_SERIES),
  })
  .superRefine((h, ctx) => {
    h.periods.forEach((p, i) => {
      if (!(p.toWeek > p.fromWeek))
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i, 'toWeek'],
          message: `a period must end after it starts (${p.fromWeek} to ${p.toWeek})`,
        });
    });
    h.series.forEach((s, i) => {
      if (s.values.length !== h.periods.length)
        ctx.addIssue({
          code: 'custom',
          path: ['series', i, 'values'],
          message: `expected one value per period (${h.periods.length}), got ${s.values.length}`,
        });
    });
  });

const fitted = z.strictObject({
  name,
  value: finite('a number'),
  low: z.union([finite('a number'), z.null()]),
  high: z.union([finite('a number'), z.null()]),
});

export const calibrationRecordSchema = z.strictObject({
  file: fileName,
  date: isoDate,
  seed: z.number().int().min(0).max(4294967295),
  fitted: z.array(fitted).min(1).max(200),
  history: kpiHistorySchema,
});
