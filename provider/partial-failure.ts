/**
 * A create or update that changed something real before it failed. The Pulumi engine keeps the resource
 * in state under `id` with these `properties` and, on the next `pulumi up`, calls `update` to finish the
 * job instead of creating (and paying for) it again. The dynamic-provider host reads exactly these fields.
 */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: object,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}
