import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { declareFleet, readFleetFile } from "pulumi-vobiz/fleet";

// Every number of the stack is an entry of numbers.yaml. The whole file is checked before anything is
// declared: a bad entry stops the program with its line and column, and no Vobiz API is called.
const fleet = declareFleet(readFleetFile(path.join(__dirname, "numbers.yaml")));

const entries = Object.entries(fleet.numbers);

/** Each entry's number, by entry name. */
export const numbers = Object.fromEntries(entries.map(([name, number]) => [name, number.e164]));

/** What each number costs a month, in its own currency, by entry name. */
export const monthlyFees = Object.fromEntries(entries.map(([name, number]) => [name, pulumi.interpolate`${number.monthlyFee} ${number.currency}`]));

/** The sub-account holding each number that was handed to one, by entry name. */
export const subAccounts = Object.fromEntries(Object.entries(fleet.assignments).map(([name, assignment]) => [name, assignment.subAccountId]));
