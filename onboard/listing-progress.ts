import { Presets, SingleBar } from "cli-progress";

/** Where progress goes: a terminal gets a bar, anything else plain lines. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Told after each page of a listing; `done` ends the bar or the lines. */
export interface ListingProgress {
  update(listed: number, total: number): void;
  done(): void;
}

/**
 * Reports the progress of listing `what` (such as "numbers of MA_XXXXXXXX") on `stream`: a bar on a
 * terminal once there is more than one page, and one plain line per page otherwise (a pipe or a CI log
 * gets no control characters).
 */
export function listingProgress(stream: ProgressStream, pageSize: number, what: string): ListingProgress {
  if (stream.isTTY !== true) {
    return {
      update: (listed, total) => void stream.write(`vobiz-onboard: listed ${listed} of ${total} ${what}\n`),
      done: () => undefined,
    };
  }
  let bar: SingleBar | undefined;
  return {
    update(listed, total) {
      if (bar === undefined && total > pageSize) {
        bar = new SingleBar(
          { stream: stream as NodeJS.WritableStream, format: `Listing ${what} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar?.setTotal(total);
      bar?.update(listed);
    },
    done: () => bar?.stop(),
  };
}
