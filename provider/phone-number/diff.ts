import { Refusal } from "../core/refusal";
import { isUnknown } from "../core/check-failures";
import { selectionKeys, type PhoneNumberInputs, type PhoneNumberOutputs, type Selection } from "./inputs";
import { recordedStatus, selectionOf } from "./outputs";

/** The engine's view of a diff: whether anything changes, and which inputs force another number. */
export interface DiffVerdict {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Compares the recorded number with new inputs. Only a change of the number itself replaces: another
 * `e164`, or criteria the current number no longer meets. Routing, protection, release mode, criteria the
 * number still meets, and a release pending since the last refresh are updated in place; `__provider` is
 * never compared. A purchase recorded as unconfirmed is always updated, to settle it; a resource that holds no
 * number (`not_bought`) is replaced.
 *
 * Throws when the program asks to replace a number with `deletionProtection`: the replacement would buy the
 * new number and then be refused the release of the old one. The refusal comes at preview, before anything
 * is bought, and says how to get there.
 */
export function diffPhoneNumber(olds: PhoneNumberOutputs, news: PhoneNumberInputs): DiffVerdict {
  // A resource that holds no number gets one; its delete releases nothing, so protection has nothing to keep.
  if (olds.status === recordedStatus.notBought) return { changes: true, replaces: ["e164"], deleteBeforeReplace: false };
  const selectionChanged = !sameSelection(olds.selection, selectionOf(news));
  const replaces = news.e164 !== undefined ? (news.e164 === olds.e164 ? [] : ["e164"]) : unmetCriteria(olds, news);
  const protectedNumber = olds.deletionProtection === true;
  // A refresh diffs the refreshed number against the recorded inputs, whose selection is the recorded one:
  // only a selection the program changed is a request to replace. Unknown values are judged in the `up`.
  if (protectedNumber && replaces.length > 0 && selectionChanged && !replaces.some((key) => isUnknown(news[key as keyof PhoneNumberInputs]))) {
    throw protectedReplacement(olds.e164, replaces);
  }
  const inPlace = [
    selectionChanged,
    (news.trunkGroupId ?? null) !== olds.trunkGroupId,
    (news.applicationId ?? null) !== olds.applicationId,
    (news.releaseMode ?? "standard") !== olds.releaseMode,
    (news.deletionProtection ?? false) !== olds.deletionProtection,
    olds.status === "pending_release",
    // The next `up` settles a purchase recorded as unconfirmed, so it is always an update.
    olds.status === recordedStatus.unconfirmed,
  ].some(Boolean);
  // Any replacement that still happens (a forced `up --replace`, or a number whose fees moved past the
  // criteria) deletes first, so that protection refuses it before another number is bought.
  return { changes: replaces.length > 0 || inPlace, replaces, deleteBeforeReplace: protectedNumber };
}

function protectedReplacement(e164: string, replaces: string[]): Refusal {
  const what = replaces.includes("e164") ? "e164" : `the criteria (${replaces.join(", ")})`;
  return new Refusal(
    `Cannot replace ${e164} with another number: deletionProtection is true, and a replacement buys the new number ` +
      `before it releases ${e164}, which protection refuses. Nothing was bought or changed. ` +
      `To replace it, run \`pulumi up\` once with deletionProtection: false and ${what} as before, then change ${what} in the next \`pulumi up\`. ` +
      `To keep ${e164} and get another number as well, leave this PhoneNumber as it is and declare a new one.`,
  );
}

/** The criteria inputs that the recorded number fails; an unknown criterion counts as failed. */
export function unmetCriteria(number: Pick<PhoneNumberOutputs, "e164" | "country" | "monthlyFee" | "setupFee">, criteria: PhoneNumberInputs): string[] {
  const unmet: string[] = [];
  const digits = number.e164.slice(1);
  const fails = (key: keyof PhoneNumberInputs, test: (value: never) => boolean): void => {
    const value = criteria[key];
    if (value === undefined || value === null) return;
    if (isUnknown(value) || test(value as never)) unmet.push(key);
  };
  fails("country", (country: string) => country !== number.country);
  fails("contains", (contains: string) => !digits.includes(contains.replace(/^\+/, "")));
  fails("excludePrefixes", (prefixes: string[]) => prefixes.some((p) => digits.startsWith(p.replace(/^\+/, ""))));
  fails("maxMonthlyFee", (max: number) => number.monthlyFee > max);
  fails("maxSetupFee", (max: number) => number.setupFee > max);
  return unmet;
}

// Key by key: the engine stores objects with their keys sorted, so a whole-object comparison of text would differ.
function sameSelection(a: Selection, b: Selection): boolean {
  return selectionKeys.every((key) => JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null));
}
