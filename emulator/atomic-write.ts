import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Test seam: called after the temporary file is durable and before it replaces the target. */
export interface AtomicWriteHooks {
  beforeRename?: (tempPath: string) => void;
}

let tempCounter = 0;

/**
 * Replaces `file` with `contents` so that a crash at any instant leaves either the old file or the
 * new one, never a mix: write a temporary file in the same directory, fsync it, rename it over the
 * target, then fsync the directory so the rename itself survives a power loss. Synchronous, so the
 * caller can answer its HTTP request only once the write is durable. Throws the underlying fs
 * error (the target is then untouched; the temporary file is removed unless a hook threw).
 */
export function writeFileAtomicSync(file: string, contents: string, hooks: AtomicWriteHooks = {}): void {
  const dir = dirname(file);
  const tempPath = join(dir, `.${basename(file)}.${process.pid}.${++tempCounter}.tmp`);
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
