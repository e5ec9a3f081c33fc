/**
 * Replacing a file's content atomically, and only if nobody changed it since
 * rng-fix read it: the new content goes to a temporary file beside it, and
 * just before that file is renamed over the original, the original's identity
 * (device, inode, size, modification time) and content hash are checked again.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { realPath } from './git.js';
import { contentHash } from './load.js';

export const CHANGED_ON_DISK = 'changed on disk since it was scanned; not written';

export interface ReplaceOptions {
  /** Runs after the temporary file is written, just before the last check (tests simulate a concurrent edit here). */
  beforeRename?: () => void | Promise<void>;
}

/** `.<name>.rng-fix-<pid>-<8 hex digits>`: the temporary file a write makes beside its target. */
const TEMPORARY = /^\..+\.rng-fix-(\d+)-[0-9a-f]{8}$/;

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.rng-fix-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Whether a process with this id runs on this machine (one we may not signal still runs). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const cleaned = new Set<string>();

/**
 * Removes, once per folder and run, the temporary files that an rng-fix run
 * killed mid-write (`kill -9`) left there: those whose process no longer runs.
 * A temporary file of a run still going is left alone.
 */
async function removeStaleTemporaries(folder: string): Promise<void> {
  if (cleaned.has(folder)) return;
  cleaned.add(folder);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || Number(match[1]) === process.pid || isRunning(Number(match[1]))) continue;
    await fs.rm(path.join(folder, name), { force: true }).catch(() => undefined);
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Writes `bytes` over `file` (through symbolic links, keeping its mode and,
 * where allowed, its owner) when its content still hashes to `expectedHash`.
 * Returns null when written, or why not.
 */
export async function replaceFileIfUnchanged(file: string, bytes: Buffer, expectedHash: string, options: ReplaceOptions = {}): Promise<string | null> {
  const target = realPath(file);
  await removeStaleTemporaries(path.dirname(target));
  const before = await fs.stat(target);
  if (contentHash(await fs.readFile(target)) !== expectedHash) return CHANGED_ON_DISK;
  const temporary = temporaryName(target);
  let renamed = false;
  try {
    const handle = await fs.open(temporary, 'wx', before.mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.chmod(before.mode & 0o7777);
      await handle.chown(before.uid, before.gid).catch(() => undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    const now = await fs.stat(target);
    if (!sameFile(before, now) || contentHash(await fs.readFile(target)) !== expectedHash) return CHANGED_ON_DISK;
    await fs.rename(temporary, target);
    renamed = true;
    return null;
  } finally {
    if (!renamed) await fs.rm(temporary, { force: true });
  }
}

export const CREATED_MEANWHILE = 'was created by something else since the scan; not written';

/**
 * Creates `file` with `bytes` (mode 0644 less the umask) when it does not
 * exist: the content goes to a temporary file that is then linked under the
 * new name, which fails, leaving everything as it was, if the name was taken
 * meanwhile. Returns null when written, or why not.
 */
export async function createFileIfAbsent(file: string, bytes: Buffer): Promise<string | null> {
  const target = path.resolve(file);
  await removeStaleTemporaries(path.dirname(target));
  const temporary = temporaryName(target);
  try {
    const handle = await fs.open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.link(temporary, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return CREATED_MEANWHILE;
      throw error;
    }
    return null;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}
