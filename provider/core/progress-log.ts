/** Prints progress of retries and waits on the provider's stderr, which the Pulumi CLI shows with the resource. */
export function logProgress(message: string): void {
  process.stderr.write(`vobiz: ${message}\n`);
}
