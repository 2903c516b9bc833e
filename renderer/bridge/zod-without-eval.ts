/**
 * Import this module FIRST in the page's entry point (before anything that builds or runs a zod
 * schema). The page runs under a CSP without 'unsafe-eval', and zod's `new Function` fast path is
 * probed on the first parse: even the caught probe is reported as a CSP violation. Interpreted
 * validation is fast enough for scenario files and IPC messages.
 */
import * as z from 'zod';

z.config({ jitless: true });
