import { expectOneOwnerPerNumber, registeredStacks } from "./money-invariant";

// After every test of every file: the stacks the file made hold one owner per number (see money-invariant.ts).
afterEach(async () => {
  await expectOneOwnerPerNumber(registeredStacks());
});
