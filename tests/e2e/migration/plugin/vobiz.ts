import * as pulumi from "@pulumi/pulumi";

// The two resources of the vobiz plugin as a program declares them, by their tokens, with the outputs this
// program reads. The generated Node.js SDK, @vobiz/pulumi, exports classes of the same names.

export class PhoneNumber extends pulumi.CustomResource {
  declare public readonly e164: pulumi.Output<string>;

  constructor(name: string, args: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("vobiz:index:PhoneNumber", name, { e164: undefined, ...args }, opts);
  }
}

export class SubAccountAssignment extends pulumi.CustomResource {
  declare public readonly subAccountId: pulumi.Output<string>;

  constructor(name: string, args: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("vobiz:index:SubAccountAssignment", name, args, opts);
  }
}
