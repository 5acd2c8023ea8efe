import { Refusal } from "../core/refusal";

/** The `pulumi import` command that takes over `e164` as the plugin resource named `resourceName`, buying nothing. */
export function importCommand(resourceName: string, e164: string): string {
  return `pulumi import vobiz:index:PhoneNumber ${shellWord(resourceName)} ${e164}`;
}

/**
 * Raised by `create` when asked to buy an exact number the account already holds (bought outside Pulumi, or
 * by another stack): Vobiz does not sell it again, and nothing is bought. Its message is the advice of the
 * dynamic resources, which cannot be imported (`adopt: true`, `vobiz-onboard`); the plugin, whose resources
 * can, shows `forPluginResource` instead.
 */
export class AlreadyOwnedRefusal extends Refusal {
  constructor(
    readonly e164: string,
    readonly ownerId: string,
  ) {
    super(
      `${alreadyOwned(e164, ownerId)} To manage it with Pulumi, set adopt: true on this PhoneNumber ` +
        "(pulumi import does not work for dynamic resources; for a whole account, vobiz-onboard writes the declarations); to get another number, change e164.",
    );
    this.name = "AlreadyOwnedRefusal";
  }

  /**
   * The message for a plugin resource named `resourceName`. The `import` resource option takes the number over
   * wherever the resource sits; `pulumi import` alone would put it at the top of the stack, a resource other
   * than the one declared under a parent, so it is offered only for a resource without one.
   */
  forPluginResource(resourceName: string, hasParent: boolean): string {
    const option = `set the resource option import to ${this.e164} on it`;
    const takeOver = hasParent ? `${option}.` : `${option}, or run: ${importCommand(resourceName, this.e164)}`;
    return `${alreadyOwned(this.e164, this.ownerId)} To get another number, change e164. To manage this one with Pulumi without buying it, ${takeOver}`;
  }
}

function alreadyOwned(e164: string, ownerId: string): string {
  return `${e164} is already owned by ${ownerId}, so it cannot be bought.`;
}

// Resource names are free text; the command must survive being pasted into a shell.
function shellWord(word: string): string {
  return /^[\w.:@%+=,/-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
