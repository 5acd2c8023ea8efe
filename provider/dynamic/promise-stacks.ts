/**
 * Stops V8 from recording stack traces until the returned function is called, for the synchronous
 * registration of one resource. `@pulumi/pulumi` records a stack trace for each promise it makes, eagerly
 * formatted through source maps, and it makes four for every property of a resource; a `PhoneNumber` has
 * seventeen (its declared outputs among them), so in a program of 1000 numbers this formatting alone cost
 * more CPU than the engine's work during a `preview` (docs/benchmarks.md). Those traces only serve
 * Pulumi's report of promises left pending at exit, which still names the resource and property without
 * them. The source position Pulumi stores for a resource is unaffected: it raises the limit for its own
 * capture. Never throws.
 */
export function pauseStackTraces(): () => void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}
