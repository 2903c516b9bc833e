/** The help text of `flywheel calibrate`. */
export const CALIBRATE_HELP = `Usage: flywheel calibrate SCENARIO.json --data FILE --fit NAME[,NAME...] [options]

Fits the status quo of a scenario (the business before data products and AI) to your KPI history
by weighted least squares (Levenberg-Marquardt from several seeded starting points), and prints
each fitted parameter with an approximate 95% interval, the fit of every series (R2, MAPE and
Theil's UM/US/UC), and warnings for parameters the data cannot identify.

The data file is CSV (comma, semicolon or tab) or an Excel .xlsx workbook. Its first column is
'week' (0, 1, 2, ... weeks from the scenario's week 0) or 'date' (weekly or monthly rows: ISO
2024-01-31, 31/01/2024, Jan 2024, ...); the other columns are named as \`flywheel run\`'s metrics of
the status quo: activeUsers, sessions, orders, revenue, conversionRate, churnRate, churn,
averageOrderValue, searches, adoption, potentialUsers, lapsedUsers, ... Weekly figures are the
metric's value in that week, as \`flywheel run\` prints it. Monthly figures of per-week metrics
(orders, revenue, sessions, churn, ...) are read as monthly totals (--monthly average: as the
average week of the month); other metrics as the month's average.

Parameters are named as in the assumption catalogue (the names \`flywheel run\`'s Monte Carlo and
the scenario file use): baseChurnPerWeek, bassImitationPerYear, bassInnovationPerYear,
sessionsPerUserPerWeek, baseConversion, averageOrderValueUsd, initialActiveUsers, marketSize,
winBackPerWeek, ...; '*' stands for one part of a name. Each stays within its valid range.

Options:
  --data FILE           the KPI history (CSV or .xlsx)
  --fit NAMES           parameters to fit, separated by commas (or --fit repeated)
  --weights N=W,...     weight of each series' errors (default 1; errors are relative to each
                        series' mean, so series in different units count alike)
  --preset NAME         calibrate a built-in scenario instead of a file
  --seed N              seed of the random starting points (default 1): the same seed, data and
                        scenario give the same numbers
  --starts N            starting points, 1 to 50 (default 4: the scenario's values and 3 random)
  --monthly MODE        'total' (default) or 'average': how monthly figures of flows are read
  --sheet NAME          the .xlsx sheet to read (default: the first)
  --allow-gaps          fit a history with missing weeks, months or figures (otherwise an error)
  --exclude-outliers    leave figures flagged as outliers out of the fit
  --format FORMAT       'text' (default) or 'json': { meta, fitted: { NAME: { value, low, high,
                        ... } }, statistics, warnings, scenario }
  -o, --out FILE        also write the calibrated scenario file (atomically); its fitted values
                        read "calibrated to DATA on DATE"
  --variant NAME        adopt the fit as a new variant NAME instead: the base keeps its values,
                        the variant holds the fitted ones (compare them with flywheel compare
                        FILE FILE#NAME)
  -h, --help            show this help

Exit codes: 0 success (warnings go to standard error), 2 bad input (scenario, data file or flag:
the message names the row and column), 1 internal error.

Examples:
  flywheel calibrate my-shop.json --data kpis.csv --fit baseChurnPerWeek,bassImitationPerYear
  flywheel calibrate my-shop.json --data kpis.xlsx --fit baseChurnPerWeek,sessionsPerUserPerWeek \\
      --weights orders=2 --format json --out my-shop-calibrated.json
  flywheel calibrate --preset with --data monthly.csv --fit 'bass*PerYear' --monthly average`;
