/**
 * A create or update that changed something real before it failed. The Pulumi engine keeps the resource
 * in state under `id` with these `properties` and, on the next `pulumi up`, calls `update` to finish the
 * job instead of creating (and paying for) it again. The dynamic-provider host reads exactly these fields.
 */
export class PartialFailure extends Error {
  readonly properties: object;

  /**
   * `inputs` are the ones the failed operation was given: the host records `properties` as the resource's
   * outputs as they are, so they must carry the serialized provider (`__provider`) that later reads and
   * deletes load, or `refresh` and `destroy` of the resource would fail.
   */
  constructor(
    message: string,
    readonly id: string,
    properties: object,
    readonly reasons: string[],
    inputs: object,
  ) {
    super(message);
    this.name = "PartialFailure";
    const provider = (inputs as { __provider?: unknown }).__provider;
    this.properties = provider === undefined ? properties : { ...properties, __provider: provider };
  }
}
