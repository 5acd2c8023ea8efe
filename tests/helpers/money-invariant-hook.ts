import { onStackCreated } from "../../scripts/project-stack";
import { expectOneOwnerPerNumber, registeredStacks, registerStack } from "./money-invariant";

onStackCreated(registerStack);

// After every test of every file: the stacks the file made hold one owner per number (see money-invariant.ts).
afterEach(async () => {
  await expectOneOwnerPerNumber(registeredStacks());
});
