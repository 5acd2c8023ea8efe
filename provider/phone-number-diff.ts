import { isUnknown } from "./check-failures";
import { selectionKeys, type PhoneNumberInputs, type PhoneNumberOutputs, type Selection } from "./phone-number-inputs";
import { selectionOf } from "./phone-number-outputs";

/** The engine's view of a diff: whether anything changes, and which inputs force another number. */
export interface DiffVerdict {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Compares the recorded number with new inputs. Only a change of the number itself replaces: another
 * `e164`, or criteria the current number no longer meets. Routing, protection, release mode and criteria
 * the number still meets are updated in place; `__provider` is never compared.
 */
export function diffPhoneNumber(olds: PhoneNumberOutputs, news: PhoneNumberInputs): DiffVerdict {
  const replaces = news.e164 !== undefined ? (news.e164 === olds.e164 ? [] : ["e164"]) : unmetCriteria(olds, news);
  const inPlace = [
    !sameSelection(olds.selection, selectionOf(news)),
    (news.trunkGroupId ?? null) !== olds.trunkGroupId,
    (news.applicationId ?? null) !== olds.applicationId,
    (news.releaseMode ?? "standard") !== olds.releaseMode,
    (news.deletionProtection ?? false) !== olds.deletionProtection,
  ].some(Boolean);
  return { changes: replaces.length > 0 || inPlace, replaces, deleteBeforeReplace: false };
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
