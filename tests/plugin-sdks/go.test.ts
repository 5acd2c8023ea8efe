import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/pulumi-toolchain";

const run = promisify(execFile);

// The generated Go SDK, compiled as a Go program's dependency: Go programs cannot be run here (no Go language
// host is served by the Go module proxy), so the compiler is the judge. The first build compiles the Pulumi
// Go SDK and takes minutes; Go's build cache makes later runs take seconds.

const sdkDir = path.join(repoRoot, "plugin-sdks", "go");
const programDir = path.join(__dirname, "go-program");
const binary = path.join(repoRoot, ".cache", "plugin-sdks", "go-program");
const BUILD_TIMEOUT = 1_200_000;

type GoRun = { code: number; output: string };

async function go(args: string[], cwd: string): Promise<GoRun> {
  try {
    const { stdout, stderr } = await run("go", args, { cwd, timeout: BUILD_TIMEOUT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: (failed.stdout ?? "") + (failed.stderr ?? "") };
  }
}

describe("the Go SDK", () => {
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vobiz-sdk-go-"));
  });

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it(
    "compiles as a module of its own against the Pulumi Go SDK it pins",
    async () => {
      const built = await go(["build", "./..."], sdkDir);
      expect(built.output).toBe("");
      expect(built.code).toBe(0);
    },
    BUILD_TIMEOUT,
  );

  it(
    "compiles a program that declares a provider, a number by criteria and an assignment into an executable",
    async () => {
      fs.rmSync(binary, { force: true });
      const built = await go(["build", "-o", binary, "."], programDir);
      expect(built.output).toBe("");
      expect(built.code).toBe(0);
      expect(fs.readFileSync(binary).subarray(0, 4)).toEqual(Buffer.from("\x7fELF", "latin1"));
    },
    BUILD_TIMEOUT,
  );

  it(
    "refuses to compile a property of the wrong type, naming it",
    async () => {
      fs.copyFileSync(path.join(programDir, "go.sum"), path.join(scratch, "go.sum"));
      fs.writeFileSync(
        path.join(scratch, "go.mod"),
        fs.readFileSync(path.join(programDir, "go.mod"), "utf8").replace("=> ../../../plugin-sdks/go", `=> ${sdkDir}`),
      );
      fs.writeFileSync(
        path.join(scratch, "main.go"),
        `package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/vobiz/pulumi-vobiz/plugin-sdks/go/vobiz"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := vobiz.NewPhoneNumber(ctx, "x", &vobiz.PhoneNumberArgs{Country: pulumi.String("IN"), MaxMonthlyFee: pulumi.String("cheap")})
		return err
	})
}
`,
      );
      const built = await go(["build", "-o", path.join(scratch, "program"), "."], scratch);
      expect(built.code).not.toBe(0);
      expect(built.output).toMatch(/main\.go:10:\d+: cannot use pulumi\.String\("cheap"\) .* as pulumi\.Float64PtrInput value in struct literal/);
    },
    BUILD_TIMEOUT,
  );
});
