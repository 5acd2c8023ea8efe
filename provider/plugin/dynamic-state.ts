import type * as provider from "@pulumi/pulumi/provider";

/**
 * The keys only the dynamic resources record: `__provider`, the serialized provider that Pulumi's
 * dynamic-provider host adds to every resource's inputs and outputs (see `resultIncludingProvider` in
 * node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js). Every other key is the shared operations' own.
 */
const dynamicOnlyKeys = ["__provider"] as const;

/** Whether a recorded state holds anything only the dynamic front end wrote. */
function hasDynamicState(state: unknown): boolean {
  return isRecord(state) && dynamicOnlyKeys.some((key) => key in state);
}

/** A recorded state without the keys only the dynamic front end wrote; anything else is returned as it is. */
function withoutDynamicState<T>(state: T): T {
  if (!hasDynamicState(state)) return state;
  const rest: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  for (const key of dynamicOnlyKeys) delete rest[key];
  return rest as T;
}

/**
 * Lets the plugin take over resources that the dynamic resources created, which a program moves to the plugin
 * with an alias of the old type. The engine then hands the plugin the dynamic-era state as `olds`. `check`
 * and `diff` judge it without `__provider`; when nothing but `__provider` sets it apart from the program, the
 * diff is an update, and that update writes the recorded outputs back without `__provider`, calling nothing.
 *
 * An update rather than no change: on no change the engine keeps the old outputs, `__provider` included, until
 * a refresh or a later update of that resource happens to rewrite them. One update at the move, calling nothing,
 * leaves the state as the plugin writes it from the first `up` (docs/migrating-to-the-plugin.md).
 *
 * Only `check`, `diff` and `update` meet dynamic-era state: the engine reads and deletes a resource through
 * the provider its state names, which stays the dynamic one until this update records the plugin.
 */
export function acceptingDynamicState(inner: provider.Provider): provider.Provider {
  const { check, diff, update } = inner;
  const changesBesidesDynamicState = async (id: string, urn: string, olds: unknown, news: unknown): Promise<boolean> =>
    diff === undefined || (await diff.call(inner, id, urn, withoutDynamicState(olds), news)).changes !== false;
  return {
    ...inner,
    ...(check && {
      check: (urn: string, olds: unknown, news: unknown) => check.call(inner, urn, withoutDynamicState(olds), news),
    }),
    ...(diff && {
      async diff(id: string, urn: string, olds: unknown, news: unknown) {
        const verdict = await diff.call(inner, id, urn, withoutDynamicState(olds), news);
        return verdict.changes === false && hasDynamicState(olds) ? { ...verdict, changes: true } : verdict;
      },
    }),
    ...(update && {
      async update(id: string, urn: string, olds: unknown, news: unknown) {
        const recorded = withoutDynamicState(olds);
        if (hasDynamicState(olds) && !(await changesBesidesDynamicState(id, urn, olds, news))) return { outs: recorded };
        return update.call(inner, id, urn, recorded, news);
      },
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
