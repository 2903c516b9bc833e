/**
 * The CLI's one way to read input files and write output files. Every command uses these (and
 * nothing else from node:fs), so that every command, present and future:
 *
 * - reads only regular files, at most `maxBytes`, checked while reading (a FIFO, `/dev/zero` or a
 *   symlink to one is refused at once instead of blocking or eating memory);
 * - writes atomically through the shared writer (node/files/atomic-write.ts): a temporary file in
 *   the same folder, synced and renamed; symlinks followed; a folder, FIFO, device node or socket
 *   is never replaced;
 * - never writes over a file it read as input (`flywheel run s.json --out s.json`), however it is
 *   named (another path, a symlink, a hard link);
 * - reports every failure as an InputError (exit code 2) naming the file, its control characters
 *   escaped and long names shortened (cli/terminal.ts).
 *
 *   const text = readInputText(file, { what: 'data file', maxBytes: 20 * 1024 * 1024 });
 *   checkOutput(cmd.out);                 // early: before a long computation
 *   writeOutputFile(cmd.out, bytes);      // or openOutputFile(cmd.out) to stream blocks
 */
import type { Stats } from 'node:fs';
import { MAX_SCENARIO_BYTES } from '../simulation/scenario/limits';
import {
  AtomicFileSync,
  abortOpenWrites,
  checkWriteTargetSync,
  type TargetGuard,
} from '../node/files/atomic-write';
import { FileError, fileErrorFrom } from '../node/files/file-error';
import { readRegularFileSync, decodeUtf8, sameFile } from '../node/files/read-file';
import { InputError } from './errors';
import { shown } from './terminal';

/** A scenario file's limit (the simulation's own). */
export const MAX_SCENARIO_FILE_BYTES = MAX_SCENARIO_BYTES;

export interface InputOptions {
  /** Most bytes read; the default is a scenario file's limit. */
  readonly maxBytes?: number;
}

interface InputFile {
  readonly name: string;
  readonly stats: Stats;
}

/** Files read as input by this process (a command never writes over one). */
const inputs: InputFile[] = [];
/** Output files completed by this process. */
let written = 0;

/** How many output files this process has completed (an interrupted run says whether any). */
export function outputFilesWritten(): number {
  return written;
}

/** The InputError for a failed read or write, naming the file as the user gave it. */
export function fileInputError(e: unknown, file: string, verb: 'read' | 'write'): InputError {
  if (e instanceof InputError) return e;
  const error = e instanceof FileError ? e : fileErrorFrom(e, file, verb === 'write');
  if (error.kind === 'too-large' || error.kind === 'not-text')
    return new InputError(`${shown(file)}: ${error.reason}`);
  return new InputError(`${shown(file)}: cannot ${verb}: ${error.reason}`);
}

/** The bytes of an input file (a regular file of at most maxBytes). */
export function readInputBytes(file: string, options: InputOptions = {}): Uint8Array {
  try {
    const { bytes, stats } = readRegularFileSync(file, {
      maxBytes: options.maxBytes ?? MAX_SCENARIO_FILE_BYTES,
    });
    inputs.push({ name: file, stats });
    return bytes;
  } catch (e) {
    throw fileInputError(e, file, 'read');
  }
}

/** The text of an input file: as readInputBytes, then strict UTF-8 (a byte-order mark is dropped). */
export function readInputText(file: string, options: InputOptions = {}): string {
  const bytes = readInputBytes(file, options);
  try {
    return decodeUtf8(bytes, file);
  } catch (e) {
    throw fileInputError(e, file, 'read');
  }
}

/** An output target that is one of this process's input files. */
class OverwritesInput extends Error {
  constructor(readonly inputName: string) {
    super(`would overwrite the input ${inputName}`);
  }
}

/** Refuses a target that is one of this process's input files. */
const notAnInput: TargetGuard = (existing) => {
  if (existing === null) return;
  const input = inputs.find((i) => sameFile(i.stats, existing));
  if (input) throw new OverwritesInput(input.name);
};

function outputError(e: unknown, target: string): InputError {
  if (e instanceof OverwritesInput) {
    const same = e.inputName === target ? '' : ` (the same file as ${shown(e.inputName)})`;
    return new InputError(
      `${shown(target)}: refusing to write over an input of this command${same}; choose another output file`,
    );
  }
  return fileInputError(e, target, 'write');
}

/**
 * Checks an output target without writing anything: its links are followed, it must be a regular
 * file or absent, and not one of the inputs read so far. Call it before long work.
 */
export function checkOutput(target: string): void {
  try {
    checkWriteTargetSync(target, notAnInput);
  } catch (e) {
    throw outputError(e, target);
  }
}

/** An output file being written in blocks; nothing is visible at the target until `commit`. */
export interface OutputFile {
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

export function openOutputFile(target: string): OutputFile {
  let file: AtomicFileSync;
  try {
    file = new AtomicFileSync(target, { guard: notAnInput });
  } catch (e) {
    throw outputError(e, target);
  }
  return {
    write(data) {
      try {
        file.write(data);
      } catch (e) {
        throw outputError(e, target);
      }
    },
    commit() {
      try {
        file.commit();
      } catch (e) {
        throw outputError(e, target);
      }
      written++;
    },
    abort: () => file.abort(),
  };
}

/** Writes a whole output file atomically. */
export function writeOutputFile(target: string, data: string | Uint8Array): void {
  const file = openOutputFile(target);
  file.write(data);
  file.commit();
}

/** Ctrl+C: every output file being written is abandoned (its temporary file removed). */
export function abandonOutputFiles(): void {
  abortOpenWrites();
}
