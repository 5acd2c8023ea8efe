/**
 * A refusal the provider makes on purpose: input or state it will not act on, a rule such as deletion
 * protection or the cool-off, or a Vobiz answer turned into what the user can do next. Its message stands
 * alone, since Pulumi shows only the message. Anything else that escapes a provider method is a bug, or an
 * SDK error (`VobizError`) that explains itself.
 */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Refusal";
  }
}
