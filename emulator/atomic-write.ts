import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Test seam: called after the temporary file is durable and before it replaces the target. */
export interface AtomicWriteHooks {
  beforeRename?: (tempPath: string) => void;
}

let tempCounter = 0;

const tempPathOf = (file: string): string => join(dirname(file), `.${basename(file)}.${process.pid}.${++tempCounter}.tmp`);

/**
 * Replaces `file` with `contents` so that a crash at any instant leaves either the old file or the
 * new one, never a mix: write a temporary file in the same directory, fsync it, rename it over the
 * target, then fsync the directory so the rename itself survives a power loss. Synchronous, so the
 * caller can answer its HTTP request only once the write is durable. Throws the underlying fs
 * error (the target is then untouched; the temporary file is removed unless a hook threw).
 */
export function writeFileAtomicSync(file: string, contents: string, hooks: AtomicWriteHooks = {}): void {
  const dir = dirname(file);
  const tempPath = tempPathOf(file);
  const fd = openSync(tempPath, "w", 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  closeSync(fd);
  hooks.beforeRename?.(tempPath);
  renameSync(tempPath, file);
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!isUnsupportedDirectorySync(error)) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isUnsupportedDirectorySync(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EISDIR" || code === "EPERM" || code === "EINVAL" || code === "EBADF";
}

/**
 * Removes the temporary files that writers of `file` left behind when they died between writing and renaming
 * (a `kill -9` mid-save): those whose process is gone. Returns their names. Throws the fs error when the
 * directory cannot be read.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  const stale = readdirSync(dir).filter((name) => {
    const pid = /^(\d+)\.\d+\.tmp$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : "")?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid));
  });
  for (const name of stale) rmSync(join(dir, name), { force: true });
  return stale;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
