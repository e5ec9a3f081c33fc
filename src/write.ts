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
  const before = await fs.stat(target);
  if (contentHash(await fs.readFile(target)) !== expectedHash) return CHANGED_ON_DISK;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.rng-fix-${process.pid}-${randomBytes(4).toString('hex')}`);
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
