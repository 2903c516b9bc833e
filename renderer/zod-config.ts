/**
 * Imported first by every entry point (the page and the engine worker), before anything that
 * builds a zod schema: the app runs under a CSP without 'unsafe-eval', so zod must not probe
 * `new Function` for its compiled fast path. The probe is caught, but the browser still reports
 * a CSP violation for it, and schemas read the setting when they are constructed.
 */
import { z } from 'zod';

z.config({ jitless: true });
